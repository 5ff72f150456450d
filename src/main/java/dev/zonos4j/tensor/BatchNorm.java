package dev.zonos4j.tensor;

/**
 * Eval-mode batch normalisation, {@code y = (x − mean) / sqrt(var + eps) · γ + β}, reduced (as PyTorch's
 * CPU kernel does) to a per-channel affine map {@code y = x · scale + shift}, which can also be folded into
 * the weights of a preceding bias-free convolution.
 */
public record BatchNorm(float[] scale, float[] shift) {

    public BatchNorm {
        if (scale.length != shift.length) {
            throw new IllegalArgumentException("batchnorm scale has " + scale.length + " channels, shift " + shift.length);
        }
    }

    /** From the stored parameters; the affine map is computed in double and rounded once. */
    public static BatchNorm of(float[] gamma, float[] beta, float[] mean, float[] var, double eps) {
        int c = gamma.length;
        if (beta.length != c || mean.length != c || var.length != c) {
            throw new IllegalArgumentException("batchnorm parameters disagree on the channel count: "
                    + c + ", " + beta.length + ", " + mean.length + ", " + var.length);
        }
        float[] scale = new float[c];
        float[] shift = new float[c];
        for (int i = 0; i < c; i++) {
            double s = gamma[i] / Math.sqrt((double) var[i] + eps);
            scale[i] = (float) s;
            shift[i] = (float) (beta[i] - mean[i] * s);
        }
        return new BatchNorm(scale, shift);
    }

    public int channels() {
        return scale.length;
    }

    /** In place over x laid out (channels, spatial). */
    public void apply(float[] x, int spatial) {
        for (int c = 0; c < scale.length; c++) {
            float s = scale[c];
            float b = shift[c];
            int off = c * spatial;
            for (int i = 0; i < spatial; i++) {
                x[off + i] = x[off + i] * s + b;
            }
        }
    }

    /**
     * Folds this normalisation into a bias-free convolution's weights (cout, ...): returns the scaled
     * weights; {@link #shift()} becomes the convolution's bias.
     */
    public float[] foldInto(float[] convWeight) {
        int c = scale.length;
        if (convWeight.length % c != 0) {
            throw new IllegalArgumentException("conv weight of " + convWeight.length + " values does not split into "
                    + c + " output channels");
        }
        int per = convWeight.length / c;
        float[] out = new float[convWeight.length];
        for (int o = 0; o < c; o++) {
            for (int i = 0; i < per; i++) {
                out[o * per + i] = (float) ((double) convWeight[o * per + i] * scale[o]);
            }
        }
        return out;
    }
}
