package dev.zonos4j.model.speaker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.TestKits;
import dev.zonos4j.util.InvalidInputException;
import dev.zonos4j.weights.Tensor;
import dev.zonos4j.weights.TorchCheckpointWriter;
import dev.zonos4j.weights.WeightsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpeakerEncoderTest {
    private static final SpeakerEncoder TINY = SpeakerEncoder.load(TestKits.speaker().resolve("tiny"));

    private static float[] clip(int n, int rate) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            double t = (double) i / rate;
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * (150 * t + 200 * t * t)) + 0.05 * Math.sin(2 * Math.PI * 2500 * t));
        }
        return x;
    }

    @Test
    void readsTheArchitectureFromTheCheckpoint() {
        ResNetConfig c = TINY.config();
        assertEquals(4, c.inPlanes());
        assertArrayEquals(new int[] {10, 20, 64, 3}, c.depths());
        assertEquals(80, c.mels());
        assertEquals(256, c.embedding());
        assertEquals(128, TINY.speakerDim());
    }

    @Test
    void modelIdIsStableAndDistinguishesWeights() {
        SpeakerEncoder again = SpeakerEncoder.load(TestKits.speaker().resolve("tiny"));
        assertEquals(TINY.modelId(), again.modelId());
        assertTrue(TINY.modelId().startsWith("resnet293-simam-asp-lda:"), TINY.modelId());
        assertNotEquals(TINY.modelId(), RandomSpeakerWeights.encoder(ResNetConfig.resnet293(4), 128, 1).modelId());
    }

    @Test
    void embedsAStereoClipAtAnyRateAsItsMonoMix() {
        float[] left = clip(24000, 24000);
        float[] right = clip(24000, 24000);
        for (int i = 0; i < right.length; i++) {
            right[i] *= 0.5f;
        }
        float[] mix = new float[left.length];
        for (int i = 0; i < mix.length; i++) {
            mix[i] = (left[i] + right[i]) / 2;
        }
        SpeakerEmbedding stereo = TINY.embed(new float[][] {left, right}, 24000);
        SpeakerEmbedding mono = TINY.embed(new float[][] {mix}, 24000);
        assertArrayEquals(mono.lda(), stereo.lda());
        assertEquals(256, stereo.embedding().length);
        assertEquals(128, stereo.lda().length);
        for (int i = 0; i < 128; i++) {
            assertTrue(Float.isFinite(stereo.lda()[i]));
            assertEquals(SpeakerEmbedding.roundToBf16(stereo.lda()[i]), stereo.speaker()[i]);
        }
        assertArrayEquals(stereo.lda(), TINY.embed(new float[][] {left, right}, 24000).lda(), "deterministic");
        assertEquals(16000, TINY.toMono16k(new float[][] {left, right}, 24000).length);
    }

    @Test
    void roundsToBfloat16TiesToEven() {
        assertEquals(1.0f, SpeakerEmbedding.roundToBf16(Float.intBitsToFloat(0x3F808000)));
        assertEquals(Float.intBitsToFloat(0x3F820000), SpeakerEmbedding.roundToBf16(Float.intBitsToFloat(0x3F818000)));
        assertEquals(Float.intBitsToFloat(0x3F810000), SpeakerEmbedding.roundToBf16(Float.intBitsToFloat(0x3F808001)));
        assertEquals(-2.5f, SpeakerEmbedding.roundToBf16(-2.5f));
        assertTrue(Float.isNaN(SpeakerEmbedding.roundToBf16(Float.NaN)));
    }

    @Test
    void badInputAndMissingFilesAreClearErrors(@TempDir Path empty) {
        assertThrows(InvalidInputException.class, () -> TINY.embed(new float[][] {new float[0]}, 16000));
        assertThrows(InvalidInputException.class, () -> TINY.embed(new float[][] {new float[2000], new float[1999]}, 16000));
        assertThrows(InvalidInputException.class, () -> TINY.embed(new float[][] {new float[2000]}, 0));
        assertThrows(InvalidInputException.class, () -> TINY.embed(new float[][] {new float[100]}, 16000));
        float[] nan = new float[4000];
        nan[7] = Float.NaN;
        assertThrows(InvalidInputException.class, () -> TINY.embed(new float[][] {nan}, 16000));
        WeightsException e = assertThrows(WeightsException.class, () -> SpeakerEncoder.load(empty));
        assertTrue(e.getMessage().contains(SpeakerEncoder.RESNET_FILE), e.getMessage());
        WeightsException lda = assertThrows(WeightsException.class, () -> SpeakerEncoder.load(
                TestKits.speaker().resolve("tiny").resolve(SpeakerEncoder.LDA_FILE), TestKits.speaker().resolve("tiny").resolve(SpeakerEncoder.LDA_FILE)));
        assertTrue(lda.getMessage().contains("front.conv1.weight"), lda.getMessage());
    }

    @Test
    void randomWeightsFollowThePublishedLayoutAndSurviveATorchSaveRoundTrip(@TempDir Path dir) throws IOException {
        List<Map<String, Tensor>> dicts =
                RandomSpeakerWeights.stateDicts(ResNetConfig.resnet293(4), 128, 7);
        Map<String, Map<String, Tensor>> byFile = Map.of(
                SpeakerEncoder.RESNET_FILE, dicts.get(0), SpeakerEncoder.LDA_FILE, dicts.get(1));
        List<String> lines = Files.readAllLines(TestKits.speaker().resolve("tiny/checkpoint_keys.txt"))
                .stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        for (String line : lines) {
            String[] f = line.split("\t");
            Tensor t = byFile.get(f[0]).get(f[1]);
            assertTrue(t != null, "random weights lack " + f[1]);
            assertEquals(f[2].replace(" ", ""), Arrays.toString(t.shape()).replace(" ", ""), f[1]);
            assertEquals(f[3], switch (t.dtype()) {
                case F32 -> "float32";
                case F64 -> "float64";
                case I64 -> "int64";
                default -> t.dtype().name();
            }, f[1]);
        }
        assertEquals(lines.size(), dicts.get(0).size() + dicts.get(1).size());

        TorchCheckpointWriter.write(dir.resolve(SpeakerEncoder.RESNET_FILE), dicts.get(0));
        TorchCheckpointWriter.write(dir.resolve(SpeakerEncoder.LDA_FILE), dicts.get(1));
        SpeakerEncoder fromFiles = SpeakerEncoder.load(dir);
        SpeakerEncoder inMemory = RandomSpeakerWeights.encoder(ResNetConfig.resnet293(4), 128, 7);
        float[][] audio = {clip(8000, 16000)};
        assertArrayEquals(inMemory.embed(audio, 16000).lda(), fromFiles.embed(audio, 16000).lda());
    }
}
