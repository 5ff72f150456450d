package dev.zonos4j.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Snake activation with one α per channel: {@code y = x + (1/(α + 1e-9)) · sin(α·x)²}, the form DAC uses
 * (the reciprocal of α + 1e-9 times the squared sine, then added to x).
 *
 * <p>The sine is our own polynomial built from add/mul/fma only. The Vector API's {@code SIN} is computed one way
 * when compiled and another when interpreted, which would make a sample's value depend on when the JIT kicked in;
 * these operations round identically everywhere, so decoding is reproducible bit for bit.
 */
public final class Snake {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final float INV_PI = (float) (1 / Math.PI);
    /** π split in three floats, so that y − k·π is nearly exact (Cody–Waite reduction). */
    private static final float PI_A = 3.1415927f;
    private static final float PI_B = -8.742278e-8f;
    private static final float PI_C = -3.5527137e-15f;
    /** 1.5·2^23: adding then subtracting it rounds a float to the nearest integer. */
    private static final float ROUND = 12582912f;
    /** sin(r) ≈ r + r³·(S3 + r²·(S5 + r²·(S7 + r²·(S9 + r²·S11)))) on [−π/2, π/2], relative error below 2e-11. */
    private static final float S3 = -0.16666667f;
    private static final float S5 = 0.008333331f;
    private static final float S7 = -1.9840895e-4f;
    private static final float S9 = 2.752664e-6f;
    private static final float S11 = -2.3909607e-8f;

    private Snake() {
    }

    /** The per-channel factor {@code 1/(α + 1e-9)} in float32, as the reference computes it. */
    public static float inverse(float alpha) {
        return 1f / (alpha + 1e-9f);
    }

    /**
     * Writes snake(x) over the window of {@code x} into {@code y} (same window and channels; {@code y} may be
     * {@code x} for in-place use).
     */
    public static void apply(Signal x, float[] alpha, Signal y) {
        if (alpha.length != x.channels() || y.channels() != x.channels() || y.start() != x.start()
                || y.length() != x.length()) {
            throw new IllegalArgumentException("snake over " + x + " with " + alpha.length + " alphas into " + y);
        }
        int n = x.length();
        Parallel.forRange(x.channels(), Math.max(1, 16384 / Math.max(1, n)), (from, to) -> {
            for (int c = from; c < to; c++) {
                row(x.data(), x.index(c, x.start()), y.data(), y.index(c, y.start()), n, alpha[c]);
            }
        });
    }

    /** dst[d0 + t] = snake(src[s0 + t]) for t in [0, n) with this α. */
    public static void row(float[] src, int s0, float[] dst, int d0, int n, float alpha) {
        FloatVector va = FloatVector.broadcast(S, alpha);
        FloatVector vi = FloatVector.broadcast(S, inverse(alpha));
        int t = 0;
        for (int bound = S.loopBound(n); t < bound; t += L) {
            FloatVector v = FloatVector.fromArray(S, src, s0 + t);
            v.add(sinSquared(v.mul(va)).mul(vi)).intoArray(dst, d0 + t);
        }
        if (t < n) {
            // the tail takes the same arithmetic, so a sample's value never depends on its position
            VectorMask<Float> m = S.indexInRange(t, n);
            FloatVector v = FloatVector.fromArray(S, src, s0 + t, m);
            v.add(sinSquared(v.mul(va)).mul(vi)).intoArray(dst, d0 + t, m);
        }
    }

    /** sin(y)², reducing y by the nearest multiple of π (the sign of the sine does not matter once squared). */
    static FloatVector sinSquared(FloatVector y) {
        FloatVector negK = y.mul(INV_PI).add(ROUND).sub(ROUND).neg();
        FloatVector r = negK.fma(FloatVector.broadcast(S, PI_A), y);
        r = negK.fma(FloatVector.broadcast(S, PI_B), r);
        r = negK.fma(FloatVector.broadcast(S, PI_C), r);
        FloatVector r2 = r.mul(r);
        FloatVector p = r2.fma(S11, S9);
        p = p.fma(r2, FloatVector.broadcast(S, S7));
        p = p.fma(r2, FloatVector.broadcast(S, S5));
        p = p.fma(r2, FloatVector.broadcast(S, S3));
        FloatVector s = r.mul(r2).fma(p, r);
        return s.mul(s);
    }
}
