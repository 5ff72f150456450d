package dev.zonos4j.model.dac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zonos4j.TestKits;
import dev.zonos4j.audio.SignalToError;
import dev.zonos4j.tensor.ConvPrecision;
import dev.zonos4j.tensor.onednn.OneDnn;
import org.junit.jupiter.api.Assumptions;
import dev.zonos4j.util.InvalidInputException;
import dev.zonos4j.util.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DacModelTest {
    private static DacModel model;

    @BeforeAll
    static void load() {
        model = DacModel.load(TestKits.dac().resolve("tiny"));
    }

    static int[][] randomCodes(Random rnd, int codebooks, int frames) {
        int[][] c = new int[codebooks][frames];
        for (int[] row : c) {
            for (int t = 0; t < frames; t++) {
                row[t] = rnd.nextInt(1024);
            }
        }
        return c;
    }

    @Test
    void decodeGivesHopSamplesPerFrameWithinUnitRange() {
        float[] audio = model.decode(randomCodes(new Random(1), 9, 13));
        assertEquals(13 * 512, audio.length);
        for (float v : audio) {
            assertTrue(v >= -1 && v <= 1 && !Float.isNaN(v));
        }
    }

    /** The reach planned from the layers equals the kit's analytic measurement of the decoder. */
    @Test
    void decoderReachMatchesTheKitsReceptiveField() {
        JsonNode rf = Json.read(TestKits.dac().resolve("golden/receptive_field.json"));
        JsonNode analytic = rf.get("analytic");
        int frame = rf.get("perturbed_frame").asInt();
        int frames = rf.get("T").asInt();
        assertEquals(analytic.get("left_reach_frames").asInt(), model.contextBefore());
        assertEquals(analytic.get("right_reach_frames").asInt(), model.contextAfter());
        DacModel m = model;
        int first = analytic.get("first_sample").asInt();
        int last = analytic.get("last_sample").asInt();
        assertTrue(readsFrame(m, first, frames, frame) && !readsFrame(m, first - 1, frames, frame));
        assertTrue(readsFrame(m, last, frames, frame) && !readsFrame(m, last + 1, frames, frame));
    }

    private static boolean readsFrame(DacModel m, int sample, int frames, int frame) {
        Span need = decoderOf(m).needs(new Span(sample, sample + 1), frames);
        return need.start() <= frame && frame < need.end();
    }

    private static DacDecoder decoderOf(DacModel m) {
        try {
            var f = DacModel.class.getDeclaredField("decoder");
            f.setAccessible(true);
            return (DacDecoder) f.get(m);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** Whatever the chunk size and however frames arrive, streaming equals the one-shot decode bit for bit. */
    @Test
    void streamingEqualsOneShotOnRandomCodes() {
        streamingEqualsOneShot(model);
    }

    /** The same for bf16 convolutions (oneDNN), whose one-shot decode stays near f32's. */
    @Test
    void bf16StreamingEqualsOneShotAndStaysNearF32() {
        Assumptions.assumeTrue(OneDnn.available(), "oneDNN does not load here, so the bf16 codec was NOT checked");
        DacModel bf16 = DacModel.load(TestKits.dac().resolve("tiny"), ConvPrecision.BF16);
        streamingEqualsOneShot(bf16);
        int[][] codes = randomCodes(new Random(5), 9, 120);
        double db = SignalToError.db(model.decode(codes), bf16.decode(codes));
        assertTrue(db > 30 && db < 90, "bf16 decode vs f32: " + db + " dB");
    }

    private static void streamingEqualsOneShot(DacModel model) {
        Random rnd = new Random(2);
        int[][] codes = randomCodes(rnd, 9, 157);
        float[] oneShot = model.decode(codes, (name, s) -> { });
        for (int chunk : new int[] {1, 7, 64, 500}) {
            List<float[]> pieces = new ArrayList<>();
            try (StreamingDecoder d = model.streamingDecoder((b, off, len) -> {
                float[] p = new float[len];
                System.arraycopy(b, off, p, 0, len);
                pieces.add(p);
            }, chunk)) {
                int f = 0;
                while (f < 157) {
                    int n = Math.min(157 - f, 1 + rnd.nextInt(20));
                    d.accept(codes, f, f + n);
                    f += n;
                    assertTrue(d.emittedFrames() <= f - Math.min(f, model.contextAfter()) || d.emittedFrames() == 0,
                            "audio emitted before its lookahead arrived");
                }
                d.finish();
            }
            float[] streamed = concat(pieces);
            assertArrayEquals(oneShot, streamed, "chunk " + chunk);
        }
    }

    @Test
    void streamingDecoderDecodesSequenceAfterSequence() {
        Random rnd = new Random(3);
        int[][] a = randomCodes(rnd, 9, 40);
        int[][] b = randomCodes(rnd, 9, 25);
        List<float[]> pieces = new ArrayList<>();
        try (StreamingDecoder d = model.streamingDecoder((buf, off, len) -> {
            float[] p = new float[len];
            System.arraycopy(buf, off, p, 0, len);
            pieces.add(p);
        }, 16)) {
            d.accept(a);
            d.finish();
            int split = pieces.size();
            assertArrayEquals(model.decode(a), concat(pieces.subList(0, split)));
            d.accept(b);
            d.finish();
            assertArrayEquals(model.decode(b), concat(pieces.subList(split, pieces.size())));
        }
    }

    /** Chunked encoding (bounded memory) gives the same codes as one window over the whole clip. */
    @Test
    void chunkedEncodeEqualsOneWindow() {
        Random rnd = new Random(4);
        float[] audio = new float[150 * 512 - 77];
        double phase = 0;
        for (int i = 0; i < audio.length; i++) {
            phase += 2 * Math.PI * (200 + 3000.0 * i / audio.length) / 44100;
            audio[i] = (float) (0.5 * Math.sin(phase) + 0.05 * rnd.nextGaussian());
        }
        int[][] chunked = model.encode(audio);
        int[][] whole = model.encode(audio, (name, s) -> { });
        assertEquals(150, chunked[0].length);
        for (int i = 0; i < 9; i++) {
            assertArrayEquals(whole[i], chunked[i], "codebook " + i);
        }
    }

    @Test
    void rejectsBadCodes() {
        assertThrows(InvalidInputException.class, () -> model.decode(new int[8][4]));
        int[][] c = new int[9][4];
        c[3][2] = 1024;
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> model.decode(c));
        assertTrue(e.getMessage().contains("codebook 3") && e.getMessage().contains("frame 2"), e.getMessage());
    }

    @Test
    void countsTheDecoderWork() {
        // per frame: conv1 + per block (transposed conv + 3 × (k7 + 1×1)) + conv2, from the tiny widths
        long macs = model.decoderMacs(1);
        DacConfig c = model.config();
        long expected = (long) c.decoderHiddenSize() * c.hiddenSize() * 7;
        int len = 1;
        int[] up = c.upsamplingRatios();
        for (int i = 0; i < up.length; i++) {
            int out = c.decoderChannels(i);
            len *= up[i];
            expected += (long) 2 * out * out * 2 * up[i] / up[i] * len;
            expected += 3L * len * ((long) out * out * 7 + (long) out * out);
        }
        expected += (long) len * c.decoderChannels(up.length - 1) * 7;
        assertEquals(expected, macs);
    }

    static float[] concat(List<float[]> pieces) {
        int n = pieces.stream().mapToInt(p -> p.length).sum();
        float[] out = new float[n];
        int pos = 0;
        for (float[] p : pieces) {
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        return out;
    }

    static Path tiny() {
        return TestKits.dac().resolve("tiny");
    }
}
