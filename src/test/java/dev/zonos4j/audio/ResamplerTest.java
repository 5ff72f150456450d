package dev.zonos4j.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.util.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ResamplerTest {
    private static final int[][] RATES = {{44100, 16000}, {16000, 44100}, {48000, 16000}, {24000, 16000}, {8000, 16000},
            {22050, 24000}};

    private static float[] noise(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }

    @Test
    void vectorKernelMatchesThePlainDefinition() {
        for (int[] rr : RATES) {
            for (Resampler.Variant v : Resampler.Variant.values()) {
                Resampler r = Resampler.of(rr[0], rr[1], v);
                float[] x = noise(3001, rr[0]);
                float[] fast = r.resample(x);
                float[] ref = r.reference(x);
                assertEquals(ref.length, fast.length);
                assertEquals(r.outputLength(x.length), fast.length);
                for (int i = 0; i < ref.length; i++) {
                    assertEquals(ref[i], fast[i], 2e-6, rr[0] + "->" + rr[1] + " " + v + " at " + i);
                }
            }
        }
    }

    @Test
    void streamingInAnyBlockSizeEqualsOneShotBitForBit() {
        for (int[] rr : RATES) {
            Resampler r = Resampler.of(rr[0], rr[1], Resampler.Variant.TRANSFORM);
            float[][] x = {noise(5003, 1), noise(5003, 2)};
            float[][] whole = r.resample(x);
            for (int block : new int[] {1, 7, 160, 441, 4096, 10000}) {
                Resampler.Stream s = r.stream(2);
                List<float[][]> parts = new ArrayList<>();
                for (int at = 0; at < x[0].length; at += block) {
                    int len = Math.min(block, x[0].length - at);
                    parts.add(s.push(new float[][] {slice(x[0], at, len), slice(x[1], at, len)}));
                }
                parts.add(s.finish());
                for (int c = 0; c < 2; c++) {
                    assertArrayEquals(whole[c], concat(parts, c), rr[0] + "->" + rr[1] + " block " + block + " channel " + c);
                }
            }
        }
    }

    @Test
    void keepsATonePassbandAndEqualRatesCopy() {
        int from = 44100;
        int to = 16000;
        float[] tone = new float[from];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) Math.sin(2 * Math.PI * 1000 * i / from);
        }
        float[] y = Resampler.of(from, to, Resampler.Variant.FUNCTIONAL).resample(tone);
        assertEquals(16000, y.length);
        for (int i = 1000; i < 15000; i++) {
            assertEquals(Math.sin(2 * Math.PI * 1000 * i / to), y[i], 2e-3, "sample " + i);
        }
        float[] x = noise(100, 3);
        assertArrayEquals(x, Resampler.of(16000, 16000, Resampler.Variant.TRANSFORM).resample(x));
    }

    @Test
    void rejectsBadRatesAndRaggedBlocks() {
        assertThrows(InvalidInputException.class, () -> Resampler.of(0, 16000, Resampler.Variant.TRANSFORM));
        Resampler.Stream s = Resampler.of(44100, 16000, Resampler.Variant.TRANSFORM).stream(2);
        assertThrows(InvalidInputException.class, () -> s.push(new float[][] {new float[3]}));
        assertThrows(InvalidInputException.class, () -> s.push(new float[][] {new float[3], new float[4]}));
        s.finish();
        assertThrows(IllegalStateException.class, s::finish);
        assertTrue(Resampler.of(44100, 16000, Resampler.Variant.TRANSFORM).width() == 17);
    }

    private static float[] slice(float[] x, int at, int len) {
        return java.util.Arrays.copyOfRange(x, at, at + len);
    }

    private static float[] concat(List<float[][]> parts, int c) {
        int n = parts.stream().mapToInt(p -> p[c].length).sum();
        float[] out = new float[n];
        int at = 0;
        for (float[][] p : parts) {
            System.arraycopy(p[c], 0, out, at, p[c].length);
            at += p[c].length;
        }
        return out;
    }
}
