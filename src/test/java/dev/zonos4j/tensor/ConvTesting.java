package dev.zonos4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

/** Shared helpers for the convolution kernel tests. */
final class ConvTesting {
    private ConvTesting() {
    }

    static float[] gaussian(Random rnd, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rnd.nextGaussian() * scale);
        }
        return v;
    }

    /** A signal over [start, start+length) filled with random values. */
    static Signal random(Random rnd, int channels, int start, int length) {
        return new Signal().shape(channels, start, length).fill(gaussian(rnd, channels * length, 1));
    }

    /** A copy of {@code src} restricted to [start, end) (which must lie inside its window). */
    static Signal window(Signal src, int start, int end) {
        Signal s = new Signal().shape(src.channels(), start, end - start);
        for (int c = 0; c < src.channels(); c++) {
            System.arraycopy(src.data(), src.index(c, start), s.data(), s.index(c, start), end - start);
        }
        return s;
    }

    static void assertClose(Signal expected, Signal actual, double tol, String what) {
        assertEquals(expected.channels(), actual.channels(), what + ": channels");
        assertEquals(expected.start(), actual.start(), what + ": start");
        assertEquals(expected.length(), actual.length(), what + ": length");
        double worst = 0;
        for (int c = 0; c < expected.channels(); c++) {
            for (int t = expected.start(); t < expected.end(); t++) {
                double e = expected.data()[expected.index(c, t)];
                double a = actual.data()[actual.index(c, t)];
                double d = Math.abs(e - a) / Math.max(1, Math.abs(e));
                if (!(d <= tol)) {
                    throw new AssertionError(what + ": channel " + c + " time " + t + ": expected " + e + ", got " + a);
                }
                worst = Math.max(worst, d);
            }
        }
    }
}
