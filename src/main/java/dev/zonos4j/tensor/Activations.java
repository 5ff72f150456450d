package dev.zonos4j.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * exp and SiLU built from plain IEEE operations (add, mul, fma), in a scalar and a vector form that give
 * identical bits lane for lane. {@code Math.exp} and the Vector API's EXP may differ between the interpreter
 * and compiled code, which would break batch invariance; these never do. Accuracy: about 1 ulp.
 */
public final class Activations {
    private static final float LO = -87.33654f;
    private static final float HI = 88.0f;
    private static final float LOG2E = 1.44269504088896341f;
    private static final float MAGIC = 12582912f; // 1.5 * 2^23: adding and subtracting rounds to an integer
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float P0 = 1.9875691500e-4f;
    private static final float P1 = 1.3981999507e-3f;
    private static final float P2 = 8.3334519073e-3f;
    private static final float P3 = 4.1665795894e-2f;
    private static final float P4 = 1.6666665459e-1f;
    private static final float P5 = 5.0000001201e-1f;

    private Activations() {
    }

    /** e^x; exactly 0 below -87.34 (so -inf gives 0), saturates at e^88. */
    public static float exp(float x) {
        if (x < LO) {
            return 0f;
        }
        float xc = Math.min(x, HI);
        float n = (xc * LOG2E + MAGIC) - MAGIC;
        float r = Math.fma(n, -LN2_HI, xc);
        r = Math.fma(n, -LN2_LO, r);
        float z = r * r;
        float p = Math.fma(P0, r, P1);
        p = Math.fma(p, r, P2);
        p = Math.fma(p, r, P3);
        p = Math.fma(p, r, P4);
        p = Math.fma(p, r, P5);
        p = Math.fma(p, z, r) + 1f;
        return p * Float.intBitsToFloat(((int) n + 127) << 23);
    }

    /** Lane-wise {@link #exp(float)}, bit for bit. */
    static FloatVector exp(FloatVector x) {
        VectorMask<Float> under = x.compare(VectorOperators.LT, LO);
        FloatVector xc = x.max(LO).min(HI);
        FloatVector n = xc.mul(LOG2E).add(MAGIC).sub(MAGIC);
        FloatVector r = n.fma(x.broadcast(-LN2_HI), xc);
        r = n.fma(x.broadcast(-LN2_LO), r);
        FloatVector z = r.mul(r);
        FloatVector p = x.broadcast(P0).fma(r, x.broadcast(P1));
        p = p.fma(r, x.broadcast(P2));
        p = p.fma(r, x.broadcast(P3));
        p = p.fma(r, x.broadcast(P4));
        p = p.fma(r, x.broadcast(P5));
        p = p.fma(z, r).add(1f);
        IntVector bits = ((IntVector) n.convert(VectorOperators.F2I, 0)).add(127).lanewise(VectorOperators.LSHL, 23);
        return p.mul(bits.reinterpretAsFloats()).blend(0f, under);
    }

    /** SiLU: x * sigmoid(x) = x / (1 + e^-x). */
    public static float silu(float x) {
        return x / (1f + exp(-x));
    }

    static FloatVector silu(FloatVector x) {
        return x.div(exp(x.neg()).add(1f));
    }
}
