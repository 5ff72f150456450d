package dev.zonos4j.tensor;

/**
 * Rotary embedding on the two halves of the rotated channels (GPT-NeoX style, flash-attn's
 * {@code interleaved=False}, what the hybrid's attention uses): with r rotated channels, channel j < r/2
 * pairs with j + r/2; channels >= r pass unchanged. Angles from {@link Rotary} built with r.
 */
public final class HalfSplitRotary {
    private HalfSplitRotary() {
    }

    /**
     * For each of {@code heads} heads of width {@code headDim} at {@code x[off]}: (x[j], x[j + r/2]) ->
     * (x[j] cos_j - x[j + r/2] sin_j, x[j + r/2] cos_j + x[j] sin_j), cos_j = {@code cos[csOff + j]}.
     */
    public static void apply(float[] x, int off, int heads, int headDim, int rotaryDim, float[] cos, float[] sin,
            int csOff) {
        int half = rotaryDim / 2;
        for (int h = 0; h < heads; h++) {
            int base = off + h * headDim;
            for (int j = 0; j < half; j++) {
                float a = x[base + j];
                float b = x[base + j + half];
                float c = cos[csOff + j];
                float s = sin[csOff + j];
                x[base + j] = a * c - b * s;
                x[base + j + half] = b * c + a * s;
            }
        }
    }
}
