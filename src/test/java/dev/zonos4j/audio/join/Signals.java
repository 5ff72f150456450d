package dev.zonos4j.audio.join;

import java.util.Random;

/** Synthetic test audio and the measures the join tests apply to it. */
final class Signals {
    static final int SR = 44_100;

    private Signals() {
    }

    static float[] tone(double hz, double amp, double seconds, double phase) {
        float[] x = new float[(int) Math.round(seconds * SR)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amp * Math.sin(2 * Math.PI * hz * i / SR + phase));
        }
        return x;
    }

    static float[] noise(double rms, double seconds, long seed) {
        Random r = new Random(seed);
        float[] x = new float[(int) Math.round(seconds * SR)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (rms * r.nextGaussian());
        }
        return x;
    }

    static float[] silence(double seconds) {
        return new float[(int) Math.round(seconds * SR)];
    }

    static float[] concat(float[]... parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] out = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static float[] add(float[] a, float[] b) {
        float[] out = a.clone();
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            out[i] += b[i];
        }
        return out;
    }

    static int ms(double ms) {
        return (int) Math.round(ms * SR / 1000);
    }

    /** Largest |y[i] - y[i-1]| for i in [from, to). */
    static double maxStep(float[] y, int from, int to) {
        double m = 0;
        for (int i = Math.max(1, from); i < Math.min(y.length, to); i++) {
            m = Math.max(m, Math.abs(y[i] - y[i - 1]));
        }
        return m;
    }

    /**
     * Largest mean energy of the second difference (a high-pass rising 12 dB/octave, so a click shows up orders of
     * magnitude above tonal content) over 5 ms windows placed every 1 ms inside [from, to).
     */
    static double maxHighBand(float[] y, int from, int to) {
        int win = ms(5);
        int hop = ms(1);
        double m = 0;
        for (int s = Math.max(2, from); s + win <= Math.min(y.length, to); s += hop) {
            double e = 0;
            for (int i = s; i < s + win; i++) {
                double d2 = y[i] - 2.0 * y[i - 1] + y[i - 2];
                e += d2 * d2;
            }
            m = Math.max(m, e / win);
        }
        return m;
    }

    static double rmsDb(float[] y, int from, int to) {
        double e = 0;
        for (int i = from; i < to; i++) {
            e += (double) y[i] * y[i];
        }
        return 10 * Math.log10(e / (to - from));
    }

    static double peak(float[] y) {
        double p = 0;
        for (float v : y) {
            p = Math.max(p, Math.abs(v));
        }
        return p;
    }
}
