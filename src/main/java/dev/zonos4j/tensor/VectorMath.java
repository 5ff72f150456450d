package dev.zonos4j.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Shared Vector API pieces. Float sums use a fixed pairwise tree ({@link #sum}) instead of
 * {@code reduceLanes(ADD)}, whose order differs between the interpreter and compiled code: a row's result
 * must not depend on when the JIT kicked in.
 */
final class VectorMath {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final int L = F.length();
    private static final VectorShuffle<Float>[] HALVES = halves();

    private VectorMath() {
    }

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Float>[] halves() {
        int steps = Integer.numberOfTrailingZeros(L);
        VectorShuffle<Float>[] s = new VectorShuffle[steps];
        for (int i = 0; i < steps; i++) {
            int k = L >> (i + 1);
            s[i] = VectorShuffle.fromOp(F, lane -> lane ^ k);
        }
        return s;
    }

    /** Sum of the lanes in a fixed pairwise order (same bits in every execution mode). */
    static float sum(FloatVector v) {
        for (VectorShuffle<Float> s : HALVES) {
            v = v.add(v.rearrange(s));
        }
        return v.lane(0);
    }

    /** Σ a[ai + i] * b[bi + i] for i < n: lane accumulators, fixed tree, then the tail in order. */
    static float dot(float[] a, int ai, float[] b, int bi, int n) {
        int bound = F.loopBound(n);
        FloatVector acc = FloatVector.zero(F);
        for (int i = 0; i < bound; i += L) {
            acc = FloatVector.fromArray(F, a, ai + i).fma(FloatVector.fromArray(F, b, bi + i), acc);
        }
        float s = sum(acc);
        for (int i = bound; i < n; i++) {
            s += a[ai + i] * b[bi + i];
        }
        return s;
    }

    /** Σ x[off + i] for i < n in a fixed order. */
    static float sum(float[] x, int off, int n) {
        int bound = F.loopBound(n);
        FloatVector acc = FloatVector.zero(F);
        for (int i = 0; i < bound; i += L) {
            acc = acc.add(FloatVector.fromArray(F, x, off + i));
        }
        float s = sum(acc);
        for (int i = bound; i < n; i++) {
            s += x[off + i];
        }
        return s;
    }
}
