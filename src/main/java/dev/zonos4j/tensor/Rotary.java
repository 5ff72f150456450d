package dev.zonos4j.tensor;

/**
 * Rotary angles as upstream computes them, in float32: inv_freq[i] = 1 / 10000^(2i / headDim),
 * angle = float32(pos * inv_freq[i]), then cos and sin of that float32 angle (the float32 rounding of large
 * angles matters at long positions). Apply with {@link Kernels#rotary}.
 */
public final class Rotary {
    /** Upstream precomputes its table for this many positions and cannot address more. */
    public static final int MAX_POSITIONS = 16384;

    private final int headDim;
    private final float[] invFreq;

    public Rotary(int headDim) {
        if (headDim <= 0 || headDim % 2 != 0) {
            throw new IllegalArgumentException("rotary head dimension must be even and positive, got " + headDim);
        }
        this.headDim = headDim;
        this.invFreq = new float[headDim / 2];
        for (int i = 0; i < invFreq.length; i++) {
            float exponent = (float) (2 * i) / (float) headDim;
            invFreq[i] = 1f / (float) Math.pow(10000.0, exponent);
        }
    }

    public int headDim() {
        return headDim;
    }

    /** Fills cos[off .. off + headDim/2) and sin[off .. off + headDim/2) for position {@code pos}. */
    public void angles(int pos, float[] cos, float[] sin, int off) {
        float p = pos;
        for (int i = 0; i < invFreq.length; i++) {
            float a = p * invFreq[i];
            cos[off + i] = (float) StrictMath.cos(a);
            sin[off + i] = (float) StrictMath.sin(a);
        }
    }
}
