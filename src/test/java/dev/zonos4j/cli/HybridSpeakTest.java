package dev.zonos4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.TestKits;
import dev.zonos4j.audio.AudioClip;
import dev.zonos4j.audio.TestAudio;
import dev.zonos4j.audio.TestAudio.Encoding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zonos speak} with the tiny hybrid model: a long text, a cloned voice, both modes byte-identical. */
class HybridSpeakTest {
    static final String TEXT = ("The hybrid model keeps a fixed state per sequence, whatever its length. Its attention"
            + " layers are few, one in four. So a long chapter costs less memory per segment than with the transformer,"
            + " and more segments fit in the same budget. ").repeat(3)
            + "\n\nA second paragraph follows, and it ends here, after a pause that is longer than between sentences.";

    @TempDir
    Path tmp;

    private List<String> tiny(String... more) {
        float[] x = TestAudio.plusNoise(TestAudio.bursts(6, 0.3, 0.2, 0.01, 16000), 1e-7, 1);
        Path clip = TestAudio.writeWav(tmp.resolve("voice.wav"), new AudioClip(new float[][] {x}, 16000), Encoding.PCM16);
        List<String> a = new ArrayList<>(List.of("speak", "--model", TestKits.zonosHybrid().resolve("tiny").toString(),
                "--codec", TestKits.dac().resolve("tiny").toString(), "--speaker-model",
                TestKits.speaker().resolve("tiny").toString(), "--voice", clip.toString(),
                "--voice-store", tmp.resolve("v.db").toString(), "--max-frames", "24", "--seed", "3", "--quiet"));
        a.addAll(List.of(more));
        return a;
    }

    @Test
    void standardAndEfficientModesWriteIdenticalFilesWithAClonedVoice() throws IOException {
        Path a = tmp.resolve("standard.wav");
        Path b = tmp.resolve("efficient.wav");
        CliRun ra = CliRun.zonos(tiny(TEXT, "--mode", "standard", "-o", a.toString()).toArray(String[]::new));
        assertEquals(0, ra.status(), ra.err());
        CliRun rb = CliRun.zonos(tiny(TEXT, "--mode", "efficient", "-o", b.toString()).toArray(String[]::new));
        assertEquals(0, rb.status(), rb.err());
        byte[] wa = Files.readAllBytes(a);
        assertTrue(wa.length > 44 + 4 * 24 * 512, "several segments of audio expected, got " + wa.length + " bytes");
        assertArrayEquals(wa, Files.readAllBytes(b));
    }

    @Test
    void theHybridConditionersAreOptionsAndChangeTheAudio() throws IOException {
        Path plain = tmp.resolve("plain.wav");
        Path set = tmp.resolve("set.wav");
        String one = "One short sentence.";
        assertEquals(0, CliRun.zonos(tiny(one, "-o", plain.toString()).toArray(String[]::new)).status());
        CliRun r = CliRun.zonos(tiny(one, "--vqscore", "0.7", "--ctc-loss", "50", "--dnsmos", "4.2", "--speaker-noised",
                "-o", set.toString()).toArray(String[]::new));
        assertEquals(0, r.status(), r.err());
        assertFalse(Arrays.equals(Files.readAllBytes(plain), Files.readAllBytes(set)));
        for (String[] bad : new String[][] {{"--vqscore", "0.7,0.8"}, {"--unconditional", "pitch"}, {"--ctc-loss", "NaN"}}) {
            List<String> args = tiny(one, "-o", tmp.resolve("bad.wav").toString());
            args.addAll(List.of(bad));
            CliRun e = CliRun.zonos(args.toArray(String[]::new));
            assertEquals(Main.EXIT_USAGE, e.status(), Arrays.toString(bad) + " -> " + e.err());
            assertTrue(e.err().startsWith("zonos: "), e.err());
        }
    }
}
