package dev.zonos4j.tensor;

/** Plain-loop reference kernels: obviously correct, single-threaded, no Vector API. */
final class ScalarKernels implements Kernels {
    static final ScalarKernels INSTANCE = new ScalarKernels();

    @Override
    public Backend backend() {
        return Backend.SCALAR;
    }

    private ScalarKernels() {
    }

    @Override
    public void matmul(WeightMatrix w, float[] x, int rows, float[] y) {
        int in = w.cols();
        int out = w.rows();
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double s = 0;
                for (int i = 0; i < in; i++) {
                    s += (double) w.get(o, i) * x[r * in + i];
                }
                y[r * out + o] = (float) s;
            }
        }
    }

    @Override
    public void layerNorm(float[] x, float[] y, int rows, float[] weight, float[] bias, float eps) {
        int n = weight.length;
        for (int r = 0; r < rows; r++) {
            int off = r * n;
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += x[off + i];
            }
            mean /= n;
            double var = 0;
            for (int i = 0; i < n; i++) {
                double d = x[off + i] - mean;
                var += d * d;
            }
            var /= n;
            double rstd = 1.0 / Math.sqrt(var + eps);
            for (int i = 0; i < n; i++) {
                y[off + i] = (float) ((x[off + i] - mean) * rstd * weight[i] + bias[i]);
            }
        }
    }

    @Override
    public void rotary(float[] x, int off, int heads, int headDim, float[] cos, float[] sin, int csOff) {
        for (int h = 0; h < heads; h++) {
            int base = off + h * headDim;
            for (int i = 0; i < headDim / 2; i++) {
                float a = x[base + 2 * i];
                float b = x[base + 2 * i + 1];
                float c = cos[csOff + i];
                float s = sin[csOff + i];
                x[base + 2 * i] = a * c - b * s;
                x[base + 2 * i + 1] = b * c + a * s;
            }
        }
    }

    @Override
    public void siluGate(float[] fc1, int rows, int n, float[] out) {
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < n; i++) {
                float g = fc1[r * 2 * n + n + i];
                out[r * n + i] = fc1[r * 2 * n + i] * (float) (g / (1.0 + Math.exp(-g)));
            }
        }
    }

    @Override
    public void softmax(float[] x, int off, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, x[off + i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.exp(x[off + i] - max);
        }
        for (int i = 0; i < n; i++) {
            x[off + i] = (float) (Math.exp(x[off + i] - max) / sum);
        }
    }

    @Override
    public void attention(float[] q, int qOff, KvBlockTable kv, int layer, int len, int heads, int kvHeads,
            int headDim, float[] out, int outOff) {
        int group = heads / kvHeads;
        double scale = 1.0 / Math.sqrt(headDim);
        float[] scores = new float[len];
        for (int h = 0; h < heads; h++) {
            int g = h / group;
            for (int j = 0; j < len; j++) {
                double s = 0;
                for (int i = 0; i < headDim; i++) {
                    s += q[qOff + h * headDim + i] * kv.key(layer, j, g * headDim + i);
                }
                scores[j] = (float) (s * scale);
            }
            softmax(scores, 0, len);
            for (int i = 0; i < headDim; i++) {
                double s = 0;
                for (int j = 0; j < len; j++) {
                    s += scores[j] * kv.value(layer, j, g * headDim + i);
                }
                out[outOff + h * headDim + i] = (float) s;
            }
        }
    }
}
