package dev.zonos4j.tensor;

/**
 * A 2-D convolution over one image, {@code [cin][h][w] → [cout][ho][wo]}, with bias and optional fused ReLU.
 * {@link #of} picks the fastest implementation for the geometry.
 */
public interface Convolution {

    int inChannels();

    int outChannels();

    int outHeight(int h);

    int outWidth(int w);

    /** Floats of scratch {@link #forward} needs for an h × w input. */
    int scratchSize(int h, int w);

    /**
     * out = conv(in) + bias, then max(·, 0) when {@code relu}.
     *
     * @param in      (cin, h, w)
     * @param out     (cout, outHeight(h), outWidth(w)); must not alias {@code in}
     * @param scratch at least {@link #scratchSize(int, int)} floats, overwritten
     */
    void forward(float[] in, int h, int w, float[] out, boolean relu, float[] scratch);

    /**
     * Winograd F(2×2, 3×3) for 3×3 convolutions with stride 1 and padding 1 (2.25× fewer multiplies),
     * direct convolution otherwise.
     *
     * @param weight (cout, cin, k, k) as PyTorch stores it
     * @param bias   (cout), or null
     */
    static Convolution of(float[] weight, float[] bias, int cin, int cout, int k, int stride, int pad) {
        if (k == 3 && stride == 1 && pad == 1) {
            return new Winograd3x3(weight, bias, cin, cout);
        }
        return new Conv2d(weight, bias, cin, cout, k, stride, pad);
    }
}
