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
     * Scores: per position an fma chain over the head's channels in order (keys are stored transposed, so 4L
     * or L positions go per vector step, the rest one by one with the same chain); weighted values: per
     * channel an fma chain over positions in order. Every path gives the same bits, so results do not depend
     * on the block size or on where a position falls in its block.
     */
    @Override
    public void attention(float[] q, int qOff, KvBlockTable kv, int layer, int len, int heads, int kvHeads,
            int headDim, float[] out, int outOff) {
        int group = heads / kvHeads;
        float scale = (float) (1.0 / Math.sqrt(headDim));
        float[] s = scores.get();
        if (s.length < len) {
            s = new float[Math.max(len, 2 * s.length)];
            scores.set(s);
        }
        for (int h = 0; h < heads; h++) {
            int g = h / group;
            scores(q, qOff + h * headDim, kv, layer, g * headDim, len, headDim, scale, s);
            softmax(s, 0, len);
            values(s, kv, layer, g * headDim, len, headDim, out, outOff + h * headDim);
        }
    }

    /** s[j] = (q . k_j) * scale for j < len, keys of channels [ch0, ch0 + hd). */
    private static void scores(float[] q, int qo, KvBlockTable kv, int layer, int ch0, int len, int hd, float scale,
            float[] s) {
        int bp = kv.blockPositions();
        boolean vec = bp % L == 0;
        for (int j0 = 0; j0 < len; j0 += bp) {
            float[] b = kv.block(j0);
            int base = kv.keyBase(layer) + ch0 * bp;
            int n = Math.min(bp, len - j0);
            int j = 0;
            if (vec) {
                for (; j + 4 * L <= n; j += 4 * L) {
                    FloatVector a0 = FloatVector.zero(F);
                    FloatVector a1 = FloatVector.zero(F);
                    FloatVector a2 = FloatVector.zero(F);
                    FloatVector a3 = FloatVector.zero(F);
                    for (int i = 0; i < hd; i++) {
                        FloatVector qi = FloatVector.broadcast(F, q[qo + i]);
                        int k = base + i * bp + j;
                        a0 = qi.fma(FloatVector.fromArray(F, b, k), a0);
                        a1 = qi.fma(FloatVector.fromArray(F, b, k + L), a1);
                        a2 = qi.fma(FloatVector.fromArray(F, b, k + 2 * L), a2);
                        a3 = qi.fma(FloatVector.fromArray(F, b, k + 3 * L), a3);
                    }
                    a0.mul(scale).intoArray(s, j0 + j);
                    a1.mul(scale).intoArray(s, j0 + j + L);
                    a2.mul(scale).intoArray(s, j0 + j + 2 * L);
                    a3.mul(scale).intoArray(s, j0 + j + 3 * L);
                }
                for (; j + L <= n; j += L) {
                    FloatVector a0 = FloatVector.zero(F);
                    for (int i = 0; i < hd; i++) {
                        a0 = FloatVector.broadcast(F, q[qo + i]).fma(FloatVector.fromArray(F, b, base + i * bp + j), a0);
                    }
                    a0.mul(scale).intoArray(s, j0 + j);
                }
            }
            for (; j < n; j++) {
                float a = 0f;
                for (int i = 0; i < hd; i++) {
                    a = Math.fma(q[qo + i], b[base + i * bp + j], a);
                }
                s[j0 + j] = a * scale;
            }
        }
    }

    /** out[c] = Σ_j p[j] v_j[ch0 + c] over positions in order, for c < hd. */
    private static void values(float[] p, KvBlockTable kv, int layer, int ch0, int len, int hd, float[] out, int o) {
        int c = 0;
        for (; c + 4 * L <= hd; c += 4 * L) {
            FloatVector a0 = FloatVector.zero(F);
            FloatVector a1 = FloatVector.zero(F);
            FloatVector a2 = FloatVector.zero(F);
            FloatVector a3 = FloatVector.zero(F);
            for (int j = 0; j < len; j++) {
                float[] b = kv.block(j);
                int v = kv.valueOffset(layer, j) + ch0 + c;
                FloatVector pj = FloatVector.broadcast(F, p[j]);
                a0 = pj.fma(FloatVector.fromArray(F, b, v), a0);
                a1 = pj.fma(FloatVector.fromArray(F, b, v + L), a1);
                a2 = pj.fma(FloatVector.fromArray(F, b, v + 2 * L), a2);
                a3 = pj.fma(FloatVector.fromArray(F, b, v + 3 * L), a3);
            }
            a0.intoArray(out, o + c);
            a1.intoArray(out, o + c + L);
            a2.intoArray(out, o + c + 2 * L);
            a3.intoArray(out, o + c + 3 * L);
        }
        for (; c + L <= hd; c += L) {
            FloatVector a0 = FloatVector.zero(F);
            for (int j = 0; j < len; j++) {
                a0 = FloatVector.broadcast(F, p[j]).fma(FloatVector.fromArray(F, kv.block(j), kv.valueOffset(layer, j) + ch0 + c), a0);
            }
            a0.intoArray(out, o + c);
        }
        for (; c < hd; c++) {
            float a = 0f;
            for (int j = 0; j < len; j++) {
                a = Math.fma(p[j], kv.block(j)[kv.valueOffset(layer, j) + ch0 + c], a);
            }
            out[o + c] = a;
        }
    }
}
