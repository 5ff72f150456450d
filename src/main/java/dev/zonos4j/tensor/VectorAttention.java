package dev.zonos4j.tensor;

import static dev.zonos4j.tensor.VectorMath.F;
import static dev.zonos4j.tensor.VectorMath.L;

import jdk.incubator.vector.FloatVector;

/**
 * Grouped-query attention of one query row over a KV cache of f32 blocks ({@link KvBlockTable}; bf16 caches
 * go through {@link Bf16KvAttention}, with the same arithmetic).
 *
 * <p>The query heads that share a KV head are processed together, up to four at a time, so each key and
 * value is read once per group instead of once per head (at long contexts attention streams the whole cache
 * every step). Every output element keeps its own fixed chain: scores are fma chains over channels in order,
 * weighted values fma chains over positions in order, whatever the grouping or block size, so
 * results do not depend on where a position falls or on the batch.
 */
final class VectorAttention {
    private static final int TILE = 4;

    private VectorAttention() {
    }

    /**
     * Heads [h0, h0 + n) of query row {@code q[qOff ..]} (n <= 4, all reading channels [ch0, ch0 + hd) of the
     * cache) over positions [0, len): softmax(q.k * scale) weighted values into {@code out[outOff + h * hd ..]}.
     * {@code s} holds n score rows of {@code stride} floats.
     */
    static void heads(Kernels k, float[] q, int qOff, KvBlockTable kv, int layer, int len, int h0, int n, int hd,
            int ch0, float scale, float[] s, int stride, float[] out, int outOff) {
        scores(q, qOff, kv, layer, ch0, len, hd, h0, n, scale, s, stride);
        for (int t = 0; t < n; t++) {
            k.softmax(s, t * stride, len);
        }
        values(s, stride, n, kv, layer, ch0, len, hd, out, outOff + h0 * hd);
    }

    /** s[t][j] = (q_{h0+t} . k_j) * scale; keys are stored transposed per block ([channel][position]). */
    private static void scores(float[] q, int qOff, KvBlockTable kv, int layer, int ch0, int len, int hd, int h0, int n,
            float scale, float[] s, int stride) {
        int bp = kv.blockPositions();
        boolean vec = bp % L == 0;
        int q0 = qOff + h0 * hd;
        for (int j0 = 0; j0 < len; j0 += bp) {
            float[] fb = kv.block(j0);
            int base = kv.keyBase(layer) + ch0 * bp;
            int cnt = Math.min(bp, len - j0);
            int j = 0;
            if (vec && n == TILE) {
                for (; j + L <= cnt; j += L) {
                    FloatVector a0 = FloatVector.zero(F);
                    FloatVector a1 = FloatVector.zero(F);
                    FloatVector a2 = FloatVector.zero(F);
                    FloatVector a3 = FloatVector.zero(F);
                    for (int i = 0; i < hd; i++) {
                        FloatVector key = FloatVector.fromArray(F, fb, base + i * bp + j);
                        a0 = FloatVector.broadcast(F, q[q0 + i]).fma(key, a0);
                        a1 = FloatVector.broadcast(F, q[q0 + hd + i]).fma(key, a1);
                        a2 = FloatVector.broadcast(F, q[q0 + 2 * hd + i]).fma(key, a2);
                        a3 = FloatVector.broadcast(F, q[q0 + 3 * hd + i]).fma(key, a3);
                    }
                    a0.mul(scale).intoArray(s, j0 + j);
                    a1.mul(scale).intoArray(s, stride + j0 + j);
                    a2.mul(scale).intoArray(s, 2 * stride + j0 + j);
                    a3.mul(scale).intoArray(s, 3 * stride + j0 + j);
                }
            }
            if (vec) {
                for (; j + L <= cnt; j += L) {
                    for (int t = 0; t < n; t++) {
                        FloatVector a0 = FloatVector.zero(F);
                        for (int i = 0; i < hd; i++) {
                            a0 = FloatVector.broadcast(F, q[q0 + t * hd + i]).fma(FloatVector.fromArray(F, fb, base + i * bp + j), a0);
                        }
                        a0.mul(scale).intoArray(s, t * stride + j0 + j);
                    }
                }
            }
            for (; j < cnt; j++) {
                for (int t = 0; t < n; t++) {
                    float a = 0f;
                    for (int i = 0; i < hd; i++) {
                        a = Math.fma(q[q0 + t * hd + i], fb[base + i * bp + j], a);
                    }
                    s[t * stride + j0 + j] = a * scale;
                }
            }
        }
    }

    /**
     * out[t * hd + c] = Σ_j p[t][j] v_j[ch0 + c], positions in order; walks the cache block by block so no
     * position needs a division to find its block.
     */
    private static void values(float[] p, int stride, int n, KvBlockTable kv, int layer, int ch0, int len, int hd,
            float[] out, int o) {
        int bp = kv.blockPositions();
        int kvDim = kv.kvDim();
        int vBase = kv.valueBase(layer) + ch0;
        int c = 0;
        if (n == TILE) {
            for (; c + L <= hd; c += L) {
                FloatVector a0 = FloatVector.zero(F);
                FloatVector a1 = FloatVector.zero(F);
                FloatVector a2 = FloatVector.zero(F);
                FloatVector a3 = FloatVector.zero(F);
                for (int j0 = 0; j0 < len; j0 += bp) {
                    float[] fb = kv.block(j0);
                    int end = Math.min(bp, len - j0);
                    for (int jj = 0, at = vBase + c; jj < end; jj++, at += kvDim) {
                        int j = j0 + jj;
                        FloatVector v = FloatVector.fromArray(F, fb, at);
                        a0 = FloatVector.broadcast(F, p[j]).fma(v, a0);
                        a1 = FloatVector.broadcast(F, p[stride + j]).fma(v, a1);
                        a2 = FloatVector.broadcast(F, p[2 * stride + j]).fma(v, a2);
                        a3 = FloatVector.broadcast(F, p[3 * stride + j]).fma(v, a3);
                    }
                }
                a0.intoArray(out, o + c);
                a1.intoArray(out, o + hd + c);
                a2.intoArray(out, o + 2 * hd + c);
                a3.intoArray(out, o + 3 * hd + c);
            }
        }
        for (; c + L <= hd; c += L) {
            for (int t = 0; t < n; t++) {
                FloatVector a0 = FloatVector.zero(F);
                for (int j0 = 0; j0 < len; j0 += bp) {
                    float[] fb = kv.block(j0);
                    int end = Math.min(bp, len - j0);
                    for (int jj = 0, at = vBase + c; jj < end; jj++, at += kvDim) {
                        a0 = FloatVector.broadcast(F, p[t * stride + j0 + jj]).fma(FloatVector.fromArray(F, fb, at), a0);
                    }
                }
                a0.intoArray(out, o + t * hd + c);
            }
        }
        for (; c < hd; c++) {
            for (int t = 0; t < n; t++) {
                float a = 0f;
                for (int j0 = 0; j0 < len; j0 += bp) {
                    float[] fb = kv.block(j0);
                    int end = Math.min(bp, len - j0);
                    for (int jj = 0, at = vBase + c; jj < end; jj++, at += kvDim) {
                        a = Math.fma(p[t * stride + j0 + jj], fb[at], a);
                    }
                }
                out[o + t * hd + c] = a;
            }
        }
    }
}
