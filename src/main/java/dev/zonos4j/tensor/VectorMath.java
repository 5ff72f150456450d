package dev.zonos4j.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Shared Vector API pieces. Float sums use a fixed pairwise tree ({@link #treeSum}) instead of
 * {@code reduceLanes(ADD)}, whose order differs between the interpreter and compiled code: a row's result
 * must not depend on when the JIT kicked in. Accumulators are stored to a scratch array and summed there, so
 * no vector value is passed to a method C2 might not inline (which would box it on every call).
 */
final class VectorMath {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final int L = F.length();

    private VectorMath() {
    }

    /**
     * Sum of a[off .. off + L) by halving: a[i] += a[i + k] for k = L/2, ..., 1 (lanes combine with the lane
     * whose index differs in one bit, largest first); overwrites the scratch.
     */
    static float treeSum(float[] a, int off) {
        for (int k = L / 2; k >= 1; k /= 2) {
            for (int i = 0; i < k; i++) {
                a[off + i] += a[off + i + k];
            }
        }
        return a[off];
    }

    /** Σ a[ai + i] * b[bi + i] for i < n: lane accumulator, fixed tree, then the tail in order. */
    static float dot(float[] a, int ai, float[] b, int bi, int n, float[] lanes) {
        int bound = F.loopBound(n);
        FloatVector acc = FloatVector.zero(F);
        for (int i = 0; i < bound; i += L) {
            acc = FloatVector.fromArray(F, a, ai + i).fma(FloatVector.fromArray(F, b, bi + i), acc);
        }
        acc.intoArray(lanes, 0);
        float s = treeSum(lanes, 0);
        for (int i = bound; i < n; i++) {
            s += a[ai + i] * b[bi + i];
        }
        return s;
    }

    /** Σ x[off + i] for i < n in a fixed order. */
    static float sum(float[] x, int off, int n, float[] lanes) {
        int bound = F.loopBound(n);
        FloatVector acc = FloatVector.zero(F);
        for (int i = 0; i < bound; i += L) {
            acc = acc.add(FloatVector.fromArray(F, x, off + i));
        }
        acc.intoArray(lanes, 0);
        float s = treeSum(lanes, 0);
        for (int i = bound; i < n; i++) {
            s += x[off + i];
        }
        return s;
    }
}
