package dev.zonos4j.audio.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zonos4j.audio.AudioClip;
import dev.zonos4j.audio.AudioReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our FLAC and Ogg Opus streams decoded by the reference tools (Debian's flac and opus-tools, which .ci/run
 * installs): an independent check of the bitstreams. Where a tool is missing the test is skipped with the reason.
 */
class ReferenceDecodersTest {
    private static final int RATE = 44_100;

    @TempDir
    Path tmp;

    private static float[] signal() {
        float[] x = new float[(int) (1.7 * RATE)];
        for (int i = 0; i < x.length; i++) {
            double t = i / (double) RATE;
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 330 * t) * (0.7 + 0.3 * Math.sin(2 * Math.PI * 2 * t)));
        }
        return x;
    }

    private static byte[] encode(OutputFormat format, float[] x) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AudioEncoder e = AudioEncoder.open(format, out, RATE);
        for (int at = 0; at < x.length; at += 30_000) {
            e.write(x, at, Math.min(30_000, x.length - at));
        }
        e.finish();
        return out.toByteArray();
    }

    private static String tool(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        return null;
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + out);
        return out;
    }

    private static double rmsDb(float[] x) {
        double s = 0;
        for (float v : x) {
            s += v * (double) v;
        }
        return 10 * Math.log10(s / x.length);
    }

    @Test
    void flacDecodesLosslesslyWithTheReferenceDecoder() throws Exception {
        String flac = tool("flac");
        assumeTrue(flac != null, "the flac tool is not installed, so our FLAC stream was NOT checked by the reference decoder");
        float[] x = signal();
        Path in = Files.write(tmp.resolve("ours.flac"), encode(OutputFormat.FLAC, x));
        Path wav = tmp.resolve("decoded.wav");
        run(flac, "--silent", "--decode", "--force", "-o", wav.toString(), in.toString());
        AudioClip back = AudioReader.read(wav);
        assertEquals(RATE, back.sampleRate());
        float[] ours = AudioReader.decode(Files.readAllBytes(in), "ours.flac").mono();
        assertArrayEquals(ours, back.mono(), "the reference decoder gets the same samples as ours");
    }

    @Test
    void oggOpusDecodesWithOpusdec() throws Exception {
        String opusdec = tool("opusdec");
        assumeTrue(opusdec != null, "opusdec (opus-tools) is not installed, so our Ogg Opus stream was NOT checked by libopus");
        float[] x = signal();
        Path in = Files.write(tmp.resolve("ours.opus"), encode(OutputFormat.OPUS, x));
        Path wav = tmp.resolve("decoded.wav");
        run(opusdec, "--quiet", "--rate", "48000", in.toString(), wav.toString());
        AudioClip back = AudioReader.read(wav);
        assertEquals(48_000, back.sampleRate());
        // Pre-skip and the end granule trim exactly: the 48 kHz length of the source.
        assertEquals(Math.ceil(x.length * 48_000.0 / RATE), back.frames(), 1);
        assertTrue(Math.abs(rmsDb(back.mono()) - rmsDb(x)) < 0.5, "level " + rmsDb(back.mono()) + " vs " + rmsDb(x));
    }
}
