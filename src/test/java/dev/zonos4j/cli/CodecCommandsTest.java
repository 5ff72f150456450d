package dev.zonos4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.zonos4j.TestKits;
import dev.zonos4j.audio.AudioReader;
import dev.zonos4j.audio.WavWriter;
import dev.zonos4j.model.dac.CodesFile;
import dev.zonos4j.model.dac.DacModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodecCommandsTest {
    private static final String TINY = TestKits.dac().resolve("tiny").toString();

    @Test
    void decodeThenEncodeOnTheTinyCodec(@TempDir Path dir) {
        Random rnd = new Random(9);
        int[][] codes = new int[9][30];
        for (int[] row : codes) {
            for (int t = 0; t < row.length; t++) {
                row[t] = rnd.nextInt(1024);
            }
        }
        Path npy = dir.resolve("codes.npy");
        CodesFile.write(npy, codes, 44100, 512);
        Path wav = dir.resolve("out.wav");
        assertEquals(0, Main.execute("decode", "--codec", TINY, npy.toString(), "-o", wav.toString(), "--format", "float32",
                "--chunk", "8"));
        float[] audio = AudioReader.read(wav).mono();
        DacModel model = DacModel.load(Path.of(TINY));
        assertArrayEquals(model.decode(codes), audio, "the streamed WAV holds exactly the one-shot decode");

        Path out = dir.resolve("codes.safetensors");
        assertEquals(0, Main.execute("encode", "--codec", TINY, wav.toString(), "-o", out.toString()));
        int[][] again = CodesFile.read(out, 9);
        assertArrayEquals(model.encode(audio), again);
    }

    @Test
    void badInputsExitWithoutLeavingFilesAndOtherRatesAreResampled(@TempDir Path dir) {
        Path wav = dir.resolve("out.wav");
        assertEquals(Main.EXIT_USAGE, Main.execute("decode", "--codec", TINY, dir.resolve("missing.npy").toString(), "-o",
                wav.toString()));
        assertFalse(Files.exists(wav));
        Path low = dir.resolve("low.wav");
        try (WavWriter w = WavWriter.create(low, 24000, WavWriter.Encoding.PCM16)) {
            w.write(new float[2400]);
            w.finish();
        }
        Path lowCodes = dir.resolve("c.safetensors");
        assertEquals(0, Main.execute("encode", "--codec", TINY, low.toString(), "-o", lowCodes.toString()),
                "24 kHz input is resampled to 44.1 kHz");
        assertEquals(Math.ceilDiv(4410, 512), CodesFile.read(lowCodes, 9)[0].length);
        assertEquals(Main.EXIT_ERROR, Main.execute("decode", "--codec", dir.toString(), low.toString(), "-o", wav.toString()));
    }
}
