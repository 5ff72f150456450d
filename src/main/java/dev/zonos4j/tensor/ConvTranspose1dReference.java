package dev.zonos4j.tensor;

/** Scalar transposed convolution by its definition, the reference {@link ConvTranspose1d} is tested against. */
public final class ConvTranspose1dReference {
    private ConvTranspose1dReference() {
    }

    /**
     * Scatters every input sample of {@code [0, inputLength)} through every tap ({@code o = i·stride − pad + j},
     * weight {@code w[in][out][taps]}) and keeps the outputs inside the window of {@code y}.
     */
    public static void forward(float[] w, float[] b, int in, int out, int taps, int stride, int padding,
            Signal x, int inputLength, Signal y) {
        double[] acc = new double[out * y.length()];
        for (int o = 0; o < out; o++) {
            for (int t = 0; t < y.length(); t++) {
                acc[o * y.length() + t] = b == null ? 0 : b[o];
            }
        }
        for (int i = 0; i < in; i++) {
            for (int s = 0; s < inputLength; s++) {
                for (int j = 0; j < taps; j++) {
                    int t = s * stride - padding + j - y.start();
                    if (t < 0 || t >= y.length()) {
                        continue;
                    }
                    if (s < x.start() || s >= x.end()) {
                        throw new IllegalArgumentException("reference transposed conv needs input " + s + " outside " + x);
                    }
                    float v = x.data()[x.index(i, s)];
                    for (int o = 0; o < out; o++) {
                        acc[o * y.length() + t] += (double) w[(i * out + o) * taps + j] * v;
                    }
                }
            }
        }
        for (int o = 0; o < out; o++) {
            for (int t = 0; t < y.length(); t++) {
                y.data()[y.index(o, y.start() + t)] = (float) acc[o * y.length() + t];
            }
        }
    }
}
