package dev.zonos4j.tensor;

import static dev.zonos4j.tensor.VectorMath.F;
import static dev.zonos4j.tensor.VectorMath.L;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Vector API kernels. Every float reduction uses a fixed order ({@link VectorMath#treeSum}), exp is
 * {@link Activations#exp}, so results are reproducible bit for bit and independent of batch composition.
 * Scratch buffers are per thread and only grow, so steady-state calls allocate nothing.
 */
final class VectorKernels implements Kernels {
    static final VectorKernels INSTANCE = new VectorKernels();

    @Override
    public Backend backend() {
        return Backend.VECTOR;
    }

    private final VectorMatMul matMul = new VectorMatMul();
    private final ThreadLocal<float[]> scores = ThreadLocal.withInitial(() -> new float[0]);
    private final ThreadLocal<float[]> lanes = ThreadLocal.withInitial(() -> new float[L]);

    private VectorKernels() {
    }

    @Override
    public void matmul(WeightMatrix w, float[] x, int rows, float[] y) {
        matMul.matmul(w, x, rows, y);
    }

    @Override
    public void layerNorm(float[] x, float[] y, int rows, float[] weight, float[] bias, float eps) {
        int n = weight.length;
        int bound = F.loopBound(n);
        float[] tmp = lanes.get();
        for (int r = 0; r < rows; r++) {
            int off = r * n;
            float mean = VectorMath.sum(x, off, n, tmp) / n;
            FloatVector acc = FloatVector.zero(F);
            for (int i = 0; i < bound; i += L) {
                FloatVector d = FloatVector.fromArray(F, x, off + i).sub(mean);
                acc = d.fma(d, acc);
            }
            acc.intoArray(tmp, 0);
            float var = VectorMath.treeSum(tmp, 0);
            for (int i = bound; i < n; i++) {
                float d = x[off + i] - mean;
                var += d * d;
            }
            float rstd = (float) (1.0 / Math.sqrt(var / n + eps));
            for (int i = 0; i < bound; i += L) {
                FloatVector v = FloatVector.fromArray(F, x, off + i).sub(mean).mul(rstd);
                v.mul(FloatVector.fromArray(F, weight, i)).add(FloatVector.fromArray(F, bias, i)).intoArray(y, off + i);
            }
            for (int i = bound; i < n; i++) {
                y[off + i] = (x[off + i] - mean) * rstd * weight[i] + bias[i];
            }
        }
    }

    @Override
    public void rotary(float[] x, int off, int heads, int headDim, float[] cos, float[] sin, int csOff) {
        ScalarKernels.INSTANCE.rotary(x, off, heads, headDim, cos, sin, csOff);
    }

    @Override
    public void siluGate(float[] fc1, int rows, int n, float[] out) {
        int bound = F.loopBound(n);
        for (int r = 0; r < rows; r++) {
            int y = r * 2 * n;
            int g = y + n;
            int o = r * n;
            for (int i = 0; i < bound; i += L) {
                FloatVector gate = FloatVector.fromArray(F, fc1, g + i);
                FloatVector.fromArray(F, fc1, y + i).mul(Activations.silu(gate)).intoArray(out, o + i);
            }
            for (int i = bound; i < n; i++) {
                out[o + i] = fc1[y + i] * Activations.silu(fc1[g + i]);
            }
        }
    }

    @Override
    public void softmax(float[] x, int off, int n) {
        int bound = F.loopBound(n);
        FloatVector mv = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < bound; i += L) {
            mv = mv.max(FloatVector.fromArray(F, x, off + i));
        }
        float max = mv.reduceLanes(VectorOperators.MAX);
        for (int i = bound; i < n; i++) {
            max = Math.max(max, x[off + i]);
        }
        FloatVector acc = FloatVector.zero(F);
        for (int i = 0; i < bound; i += L) {
            FloatVector e = Activations.exp(FloatVector.fromArray(F, x, off + i).sub(max));
            e.intoArray(x, off + i);
            acc = acc.add(e);
        }
        float[] tmp = lanes.get();
        acc.intoArray(tmp, 0);
        float sum = VectorMath.treeSum(tmp, 0);
        for (int i = bound; i < n; i++) {
            float e = Activations.exp(x[off + i] - max);
            x[off + i] = e;
            sum += e;
        }
        for (int i = 0; i < bound; i += L) {
            FloatVector.fromArray(F, x, off + i).div(sum).intoArray(x, off + i);
        }
        for (int i = bound; i < n; i++) {
            x[off + i] /= sum;
        }
    }

    /**
     * Grouped-query attention through {@link VectorAttention} (f32 cache) or {@link Bf16KvAttention} (bf16 cache),
     * up to four heads of a group per pass over the cache.
     */
    @Override
    public void attention(float[] q, int qOff, KvBlockTable kv, int layer, int len, int heads, int kvHeads,
            int headDim, float[] out, int outOff) {
        int group = heads / kvHeads;
        float scale = (float) (1.0 / Math.sqrt(headDim));
        int tile = Math.min(group, 4);
        boolean bf16 = kv.storage() == WeightMatrix.Storage.BF16;
        int stride = bf16 ? Bf16KvAttention.scoreStride(len) : len;
        float[] s = scores.get();
        if (s.length < tile * stride) {
            s = new float[Math.max(tile * stride, 2 * s.length)];
            scores.set(s);
        }
        for (int g = 0; g < kvHeads; g++) {
            for (int h = g * group; h < (g + 1) * group; h += tile) {
                int n = Math.min(tile, (g + 1) * group - h);
                if (bf16) {
                    Bf16KvAttention.heads(this, q, qOff, kv, layer, len, h, n, headDim, g * headDim, scale, s, stride, out, outOff);
                } else {
                    VectorAttention.heads(this, q, qOff, kv, layer, len, h, n, headDim, g * headDim, scale, s, stride, out, outOff);
                }
            }
        }
    }
}
