package dev.zonos4j.tensor;

import static dev.zonos4j.tensor.VectorMath.F;
import static dev.zonos4j.tensor.VectorMath.L;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Grouped-query attention of one query row over a bf16 KV cache ({@link KvBlockTable}, the native backend's).
 *
 * <p>At long contexts a decode step streams the whole cache, so a {@link KvBlockTable#paired paired} table is
 * read one interleaved group at a time (one load, then a shift and a mask give two float vectors of consecutive
 * elements, where the plain order needs a cross-lane conversion per vector), and four query heads of a group
 * share each load. The arithmetic is that of {@link VectorAttention}: each score an fma chain over channels in
 * order, each output an fma chain over positions in order, so results do not depend on the layout, the block
 * size, the batch or which path ran. Tables that are not paired, or heads not a multiple of a group wide, take
 * the element-by-element path with the same chains.
 */
final class Bf16KvAttention {
    private static final int G = KvBlockTable.PAIR_GROUP;
    private static final VectorSpecies<Short> S = VectorSpecies.of(short.class, F.vectorShape());
    private static final int HIGH_HALF = 0xFFFF0000;

    private Bf16KvAttention() {
    }

    /** Scores need this many floats per head: writes run to the end of a pair group. */
    static int scoreStride(int len) {
        return (len + G - 1) / G * G;
    }

    /**
     * Heads [h0, h0 + n) of query row {@code q[qOff ..]} (n <= 4, all reading channels [ch0, ch0 + hd) of the
     * cache) over positions [0, len): softmax(q.k * scale) weighted values into {@code out[outOff + h * hd ..]}.
     * {@code s} holds n score rows of {@code stride >= scoreStride(len)} floats.
     */
    static void heads(Kernels k, float[] q, int qOff, KvBlockTable kv, int layer, int len, int h0, int n, int hd,
            int ch0, float scale, float[] s, int stride, float[] out, int outOff) {
        boolean fast = kv.paired() && hd % G == 0;
        if (fast) {
            scores(q, qOff + h0 * hd, n, hd, kv, layer, ch0, len, scale, s, stride);
        } else {
            slowScores(q, qOff + h0 * hd, n, hd, kv, layer, ch0, len, scale, s, stride);
        }
        for (int t = 0; t < n; t++) {
            k.softmax(s, t * stride, len);
        }
        if (fast) {
            values(s, stride, n, hd, kv, layer, ch0, len, out, outOff + h0 * hd);
        } else {
            slowValues(s, stride, n, hd, kv, layer, ch0, len, out, outOff + h0 * hd);
        }
    }

    /** The pair group at {@code at} as 32-bit lanes; {@link #low} and {@link #high} give its elements [0, L), [L, 2L). */
    private static IntVector group(short[] b, int at) {
        return ShortVector.fromArray(S, b, at).reinterpretAsInts();
    }

    private static FloatVector low(IntVector w) {
        return w.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
    }

    private static FloatVector high(IntVector w) {
        return w.lanewise(VectorOperators.AND, HIGH_HALF).reinterpretAsFloats();
    }

    /**
     * s[t][j] = (q_t . k_j) * scale. A block at a time, and in it a channel group at a time, so the head's keys in
     * a block are read as one contiguous run; the sums go through {@code s} between channel groups, which leaves
     * every chain as it was, and are scaled at the end. Scores past len are written and never read.
     */
    private static void scores(float[] q, int q0, int n, int hd, KvBlockTable kv, int layer, int ch0, int len,
            float scale, float[] s, int stride) {
        int bp = kv.blockPositions();
        for (int j0 = 0; j0 < len; j0 += bp) {
            short[] b = kv.bf16Block(j0);
            int cnt = Math.min(bp, len - j0);
            for (int c = 0; c < hd; c += G) {
                int at = kv.keyBase(layer) + (ch0 + c) / G * bp * G;
                for (int j = 0; j < cnt; j += G, at += G * G) {
                    // channels c .. c + G of q against the keys of positions j0 + j .. + G (stored channel by channel)
                    fourHeads(q, q0 + c, hd, n, 0, G, b, at, c == 0, s, j0 + j, stride);
                }
            }
        }
        int end = scoreStride(len);
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < end; j += L) {
                FloatVector.fromArray(F, s, t * stride + j).mul(scale).intoArray(s, t * stride + j);
            }
        }
    }

    /**
     * out[t * hd + c] = Σ_j p[t][j] v_j[ch0 + c], positions in order. A block at a time, and in it a channel group
     * at a time, so the head's values in a block are read as one contiguous run; the sums go through {@code out}
     * between blocks, which leaves every chain as it was.
     */
    private static void values(float[] p, int stride, int n, int hd, KvBlockTable kv, int layer, int ch0, int len,
            float[] out, int o) {
        int bp = kv.blockPositions();
        for (int j0 = 0; j0 < len; j0 += bp) {
            short[] b = kv.bf16Block(j0);
            int end = j0 + Math.min(bp, len - j0);
            for (int c = 0; c < hd; c += G) {
                int at = kv.valueBase(layer) + (ch0 + c) / G * bp * G;
                // weights of positions j0 .. end against channels c .. c + G of their values (position by position)
                fourHeads(p, 0, stride, n, j0, end, b, at, j0 == 0, out, o + c, hd);
            }
        }
    }

    /**
     * For heads t < n (four at a time, eight accumulators: with sixteen C2 spills and the loop runs four times
     * slower): sums[o + t * rowStride ..][2L] += Σ_k coef[c0 + t * coefStride + k] * the pair group at
     * b[at + (k - k0) * G], k = k0 .. k1 - 1 in order, starting from zero when {@code first}. Heads past n repeat
     * the last one and are not stored.
     */
    private static void fourHeads(float[] coef, int c0, int coefStride, int n, int k0, int k1, short[] b, int at,
            boolean first, float[] sums, int o, int rowStride) {
        int ca = c0;
        int cb = c0 + Math.min(1, n - 1) * coefStride;
        int cc = c0 + Math.min(2, n - 1) * coefStride;
        int cd = c0 + Math.min(3, n - 1) * coefStride;
        int ob = o + Math.min(1, n - 1) * rowStride;
        int oc = o + Math.min(2, n - 1) * rowStride;
        int od = o + Math.min(3, n - 1) * rowStride;
        FloatVector a0 = partial(sums, o, first);
        FloatVector a1 = partial(sums, o + L, first);
        FloatVector b0 = partial(sums, ob, first);
        FloatVector b1 = partial(sums, ob + L, first);
        FloatVector c0v = partial(sums, oc, first);
        FloatVector c1v = partial(sums, oc + L, first);
        FloatVector d0 = partial(sums, od, first);
        FloatVector d1 = partial(sums, od + L, first);
        for (int k = k0; k < k1; k++, at += G) {
            IntVector w = group(b, at);
            FloatVector lo = low(w);
            FloatVector hi = high(w);
            FloatVector x = FloatVector.broadcast(F, coef[ca + k]);
            a0 = x.fma(lo, a0);
            a1 = x.fma(hi, a1);
            x = FloatVector.broadcast(F, coef[cb + k]);
            b0 = x.fma(lo, b0);
            b1 = x.fma(hi, b1);
            x = FloatVector.broadcast(F, coef[cc + k]);
            c0v = x.fma(lo, c0v);
            c1v = x.fma(hi, c1v);
            x = FloatVector.broadcast(F, coef[cd + k]);
            d0 = x.fma(lo, d0);
            d1 = x.fma(hi, d1);
        }
        a0.intoArray(sums, o);
        a1.intoArray(sums, o + L);
        if (n > 1) {
            b0.intoArray(sums, ob);
            b1.intoArray(sums, ob + L);
        }
        if (n > 2) {
            c0v.intoArray(sums, oc);
            c1v.intoArray(sums, oc + L);
        }
        if (n > 3) {
            d0.intoArray(sums, od);
            d1.intoArray(sums, od + L);
        }
    }

    /** The running sums at sums[o ..], or zero before the first part. */
    private static FloatVector partial(float[] sums, int o, boolean first) {
        return first ? FloatVector.zero(F) : FloatVector.fromArray(F, sums, o);
    }

    private static void slowScores(float[] q, int q0, int n, int hd, KvBlockTable kv, int layer, int ch0, int len,
            float scale, float[] s, int stride) {
        for (int j = 0; j < len; j++) {
            for (int t = 0; t < n; t++) {
                float a = 0f;
                for (int i = 0; i < hd; i++) {
                    a = Math.fma(q[q0 + t * hd + i], kv.key(layer, j, ch0 + i), a);
                }
                s[t * stride + j] = a * scale;
            }
        }
    }

    private static void slowValues(float[] p, int stride, int n, int hd, KvBlockTable kv, int layer, int ch0, int len,
            float[] out, int o) {
        for (int t = 0; t < n; t++) {
            for (int c = 0; c < hd; c++) {
                float a = 0f;
                for (int j = 0; j < len; j++) {
                    a = Math.fma(p[t * stride + j], kv.value(layer, j, ch0 + c), a);
                }
                out[o + t * hd + c] = a;
            }
        }
    }
}
