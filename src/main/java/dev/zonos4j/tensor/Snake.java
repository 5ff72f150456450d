package dev.zonos4j.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Snake activation with one α per channel: {@code y = x + (1/(α + 1e-9)) · sin(α·x)²}, the form DAC uses
 * (the reciprocal of α + 1e-9 times the squared sine, then added to x).
 */
public final class Snake {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

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
        float[] src = x.data();
        float[] dst = y.data();
        Parallel.forRange(x.channels(), Math.max(1, 16384 / Math.max(1, n)), (from, to) -> {
            for (int c = from; c < to; c++) {
                float a = alpha[c];
                float inv = inverse(a);
                int si = x.index(c, x.start());
                int di = y.index(c, y.start());
                FloatVector va = FloatVector.broadcast(S, a);
                FloatVector vi = FloatVector.broadcast(S, inv);
                for (int t = 0; t < n; t += L) {
                    // the tail goes through the same vector sine, so a sample's value never depends on its position
                    VectorMask<Float> m = S.indexInRange(t, n);
                    FloatVector v = FloatVector.fromArray(S, src, si + t, m);
                    FloatVector s = v.mul(va).lanewise(VectorOperators.SIN);
                    v.add(s.mul(s).mul(vi)).intoArray(dst, di + t, m);
                }
            }
        });
    }
}
