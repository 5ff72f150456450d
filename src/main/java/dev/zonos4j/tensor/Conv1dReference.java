package dev.zonos4j.tensor;

/** Plain scalar 1-D convolution, the reference the vector kernel {@link Conv1d} is tested against. */
public final class Conv1dReference {
    private Conv1dReference() {
    }

    /**
     * {@code y[o][t] (+)= b[o] + Σ_i Σ_j w[o][i][j] · x[i][t·stride + j·dil − pad]} over the window of {@code y};
     * input positions outside {@code [0, inputLength)} read as zero.
     */
    public static void forward(float[] w, float[] b, int out, int in, int taps, int stride, int dilation, int padding,
            Signal x, int inputLength, Signal y, boolean add) {
        float[] xd = x.data();
        float[] yd = y.data();
        for (int o = 0; o < out; o++) {
            for (int t = y.start(); t < y.end(); t++) {
                double acc = b == null ? 0 : b[o];
                for (int i = 0; i < in; i++) {
                    for (int j = 0; j < taps; j++) {
                        int s = t * stride + j * dilation - padding;
                        if (s >= 0 && s < inputLength) {
                            if (s < x.start() || s >= x.end()) {
                                throw new IllegalArgumentException("reference conv reads time " + s + " outside " + x);
                            }
                            acc += (double) w[(o * in + i) * taps + j] * xd[x.index(i, s)];
                        }
                    }
                }
                int yi = y.index(o, t);
                yd[yi] = add ? (float) (yd[yi] + acc) : (float) acc;
            }
        }
    }
}
