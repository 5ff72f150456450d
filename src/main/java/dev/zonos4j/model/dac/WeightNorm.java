package dev.zonos4j.model.dac;

/**
 * Folds weight normalisation into a plain weight: {@code w = g · v / ‖v‖}, the norm taken over every axis but
 * axis 0 ({@code torch._weight_norm(v, g, dim=0)}). For a Conv1d {@code [out,in,k]} that is one norm per output
 * channel; for a ConvTranspose1d {@code [in,out,k]} one per input channel.
 */
public final class WeightNorm {
    private WeightNorm() {
    }

    /** {@code v} holds {@code g.length} rows of equal size; returns {@code v[r] · (g[r] / ‖v[r]‖)} in float32. */
    public static float[] fold(float[] g, float[] v) {
        int rows = g.length;
        if (rows == 0 || v.length % rows != 0) {
            throw new IllegalArgumentException("weight_v of " + v.length + " values does not split into " + rows + " rows");
        }
        int n = v.length / rows;
        float[] w = new float[v.length];
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int i = r * n; i < (r + 1) * n; i++) {
                sum += (double) v[i] * v[i];
            }
            float scale = g[r] / (float) Math.sqrt(sum);
            for (int i = r * n; i < (r + 1) * n; i++) {
                w[i] = v[i] * scale;
            }
        }
        return w;
    }
}
