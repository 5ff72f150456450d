package dev.zonos4j.tensor;

/** Plain-loop reference of {@link SsmKernels}: the formulas as written, float32, in index order. */
final class ScalarSsmKernels implements SsmKernels {
    static final ScalarSsmKernels INSTANCE = new ScalarSsmKernels();

    private ScalarSsmKernels() {
    }

    @Override
    public void convStep(float[] state, int sOff, float[] x, int xOff, float[] weight, float[] bias, int channels,
            int width, float[] out, int outOff) {
        System.arraycopy(state, sOff + channels, state, sOff, (width - 1) * channels);
        System.arraycopy(x, xOff, state, sOff + (width - 1) * channels, channels);
        for (int c = 0; c < channels; c++) {
            float acc = bias[c];
            for (int k = 0; k < width; k++) {
                acc += weight[k * channels + c] * state[sOff + k * channels + c];
            }
            out[outOff + c] = silu(acc);
        }
    }

    @Override
    public void scanStep(float[] state, int sOff, float[] x, int xOff, float[] bc, int bOff, int cOff, float dt,
            float decay, float skip, int p, int n, float[] y, int yOff) {
        for (int i = 0; i < p; i++) {
            float xi = x[xOff + i];
            float dx = dt * xi;
            int s = sOff + i * n;
            float acc = 0f;
            for (int j = 0; j < n; j++) {
                float v = decay * state[s + j] + dx * bc[bOff + j];
                state[s + j] = v;
                acc += v * bc[cOff + j];
            }
            y[yOff + i] = acc + skip * xi;
        }
    }

    @Override
    public void gatedRmsNorm(float[] y, int yOff, float[] z, int zOff, float[] weight, int n, int group, float eps,
            float[] out, int outOff) {
        for (int g = 0; g < n; g += group) {
            double sq = 0;
            for (int i = g; i < g + group; i++) {
                float v = y[yOff + i] * silu(z[zOff + i]);
                sq += (double) v * v;
            }
            float rstd = (float) (1.0 / Math.sqrt(sq / group + eps));
            for (int i = g; i < g + group; i++) {
                float v = y[yOff + i] * silu(z[zOff + i]);
                out[outOff + i] = v * rstd * weight[i];
            }
        }
    }

    private static float silu(float v) {
        return (float) (v / (1.0 + Math.exp(-v)));
    }
}
