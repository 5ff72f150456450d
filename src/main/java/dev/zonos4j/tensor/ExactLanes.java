package dev.zonos4j.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector operations whose results do not depend on how the JIT compiles them. {@code reduceLanes(ADD)} may
 * sum lanes in any order and {@code lanewise(EXP)} uses a platform library once compiled but plain Java
 * before, so the same input can give different last bits in a cold and a warm JVM. These use only
 * IEEE-exact lane operations (add, mul, fma) in a fixed order.
 */
public final class ExactLanes {
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float MAX_ARG = 88.3762626647949f;
    private static final float MIN_ARG = -87.3365447504019f;
    // adding 1.5·2^23 rounds a float of magnitude < 2^22 to an integer (ties to even), exactly
    private static final float ROUNDER = 12582912f;
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);

    private ExactLanes() {
    }

    /** The lanes summed first to last. */
    public static float sum(FloatVector v) {
        float s = 0f;
        for (int i = 0; i < v.length(); i++) {
            s += v.lane(i);
        }
        return s;
    }

    /**
     * e^x per lane (Cephes' single-precision polynomial, within about 2 ulp; arguments clamped to the
     * finite, normal range [−87.3, 88.4]).
     */
    public static FloatVector exp(FloatVector x) {
        VectorSpecies<Float> s = x.species();
        x = x.lanewise(VectorOperators.MAX, MIN_ARG).lanewise(VectorOperators.MIN, MAX_ARG);
        FloatVector shifted = x.mul(LOG2E).add(ROUNDER);
        FloatVector n = shifted.sub(ROUNDER);
        FloatVector r = x.sub(n.mul(LN2_HI)).sub(n.mul(LN2_LO));
        FloatVector p = FloatVector.broadcast(s, 1.9875691500e-4f)
                .fma(r, FloatVector.broadcast(s, 1.3981999507e-3f))
                .fma(r, FloatVector.broadcast(s, 8.3334519073e-3f))
                .fma(r, FloatVector.broadcast(s, 4.1665795894e-2f))
                .fma(r, FloatVector.broadcast(s, 1.6666665459e-1f))
                .fma(r, FloatVector.broadcast(s, 5.0000001201e-1f));
        FloatVector y = p.mul(r.mul(r)).add(r).add(1f);
        // 2^n from the rounded integer sitting in the low mantissa bits of shifted
        FloatVector scale = shifted.reinterpretAsInts().sub(ROUNDER_BITS - 127).lanewise(VectorOperators.LSHL, 23)
                .reinterpretAsFloats();
        return y.mul(scale);
    }

    /** Scalar form of {@link #exp}, same operations in the same order, for tails and tests. */
    public static float exp(float x) {
        x = Math.min(Math.max(x, MIN_ARG), MAX_ARG);
        float shifted = x * LOG2E + ROUNDER;
        float n = shifted - ROUNDER;
        float r = x - n * LN2_HI - n * LN2_LO;
        float p = Math.fma(1.9875691500e-4f, r, 1.3981999507e-3f);
        p = Math.fma(p, r, 8.3334519073e-3f);
        p = Math.fma(p, r, 4.1665795894e-2f);
        p = Math.fma(p, r, 1.6666665459e-1f);
        p = Math.fma(p, r, 5.0000001201e-1f);
        float y = p * (r * r) + r + 1f;
        float scale = Float.intBitsToFloat((Float.floatToRawIntBits(shifted) - (ROUNDER_BITS - 127)) << 23);
        return y * scale;
    }
}
