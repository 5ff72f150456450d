package dev.zonos4j.model.dac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.TestKits;
import dev.zonos4j.util.ZonosException;
import dev.zonos4j.weights.SafeTensors;
import dev.zonos4j.weights.SafeTensorsWriter;
import dev.zonos4j.weights.Tensor;
import dev.zonos4j.weights.WeightsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DacCheckpointTest {
    private static final Path TINY = TestKits.dac().resolve("tiny");

    /**
     * Folding every weight_g/weight_v pair (ConvTranspose per input channel) reproduces the folded file up to the
     * rounding of the norm's summation order (torch sums in float32 in its own order; we sum in double).
     */
    @Test
    void weightNormFoldMatchesTheFoldedCheckpoint() {
        SafeTensors folded = SafeTensors.open(TINY.resolve("model.safetensors"));
        SafeTensors normed = SafeTensors.open(TINY.resolve("model_weightnorm.safetensors"));
        int convs = 0;
        for (String key : normed.keys()) {
            if (!key.endsWith(".weight_g")) {
                continue;
            }
            String prefix = key.substring(0, key.length() - ".weight_g".length());
            float[] w = WeightNorm.fold(normed.get(key).toFloatArray(), normed.get(prefix + ".weight_v").toFloatArray());
            float[] expected = folded.get(prefix + ".weight").toFloatArray();
            for (int i = 0; i < w.length; i++) {
                assertEquals(expected[i], w[i], 1e-6 * Math.abs(expected[i]), prefix + " [" + i + "]");
            }
            convs++;
        }
        assertEquals(normed.keys().size() - folded.keys().size(), convs);
        DacModel m = DacModel.load(TINY.resolve("config.json"), TINY.resolve("model_weightnorm.safetensors"));
        assertEquals(convs, m.foldedConvs());
    }

    @Test
    void missingWrongAndExtraTensorsAreAllNamed(@TempDir Path dir) throws Exception {
        SafeTensors src = SafeTensors.open(TINY.resolve("model.safetensors"));
        SafeTensorsWriter out = new SafeTensorsWriter();
        for (String key : src.keys()) {
            Tensor t = src.get(key);
            switch (key) {
                case "decoder.conv2.bias" -> { }
                case "encoder.conv1.weight" -> out.addF32(key, new long[] {4, 1, 5}, new float[20]);
                default -> out.addF32(key, t.shape(), t.toFloatArray());
            }
        }
        out.addF32("decoder.extra.weight", new long[] {2}, new float[2]);
        Path file = dir.resolve("broken.safetensors");
        out.write(file);
        WeightsException e = assertThrows(WeightsException.class,
                () -> DacModel.load(TINY.resolve("config.json"), file));
        String msg = e.getMessage();
        assertTrue(msg.contains("missing tensor 'decoder.conv2.bias'"), msg);
        assertTrue(msg.contains("'encoder.conv1.weight' has shape [4, 1, 5], expected [4, 1, 7]"), msg);
        assertTrue(msg.contains("decoder.extra.weight"), msg);
        assertTrue(msg.contains(file.toString()), msg);
    }

    /** The keys and shapes the loader asks for are exactly the published layout's (tiny kit key list). */
    @Test
    void randomCodecHasThePublishedLayout(@TempDir Path dir) throws Exception {
        DacConfig tiny = DacConfig.load(TINY.resolve("config.json"));
        DacModel.writeRandom(tiny, 5, dir);
        SafeTensors written = SafeTensors.open(dir.resolve("model.safetensors"));
        java.util.Set<String> expected = new java.util.TreeSet<>();
        for (String line : Files.readAllLines(TINY.resolve("checkpoint_keys.txt"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] f = line.split("\t");
                expected.add(f[0] + " " + f[1]);
            }
        }
        java.util.Set<String> actual = new java.util.TreeSet<>();
        for (String k : written.keys()) {
            actual.add(k + " " + written.get(k).shapeString());
        }
        assertEquals(expected, actual);
        assertEquals(tiny, DacConfig.load(dir.resolve("config.json")));
        assertEquals(512 * 3, DacModel.load(dir).decode(new int[9][3]).length);
    }

    @Test
    void builtInRealSizesAreThePublishedConfig() {
        assertEquals(DacConfig.load(TestKits.dac().resolve("real_config.json")), DacConfig.dac44khz());
    }

    @Test
    void configMismatchIsReported(@TempDir Path dir) throws Exception {
        String cfg = Files.readString(TINY.resolve("config.json")).replace("\"hidden_size\": 64", "\"hidden_size\": 65");
        Files.writeString(dir.resolve("config.json"), cfg);
        ZonosException e = assertThrows(ZonosException.class, () -> DacConfig.load(dir.resolve("config.json")));
        assertTrue(e.getMessage().contains("hidden_size 65"), e.getMessage());
    }
}
