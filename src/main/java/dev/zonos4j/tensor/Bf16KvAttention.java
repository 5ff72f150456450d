package dev.zonos4j.tensor;

import static dev.zonos4j.tensor.VectorMath.F;
import static dev.zonos4j.tensor.VectorMath.L;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Grouped-query attention of one query row over a bf16 KV cache ({@link KvBlockTable}, the native backend's).
 *
 * <p>At long contexts a decode step streams the whole cache, and widening bf16 to f32 costs more than the
 * multiply-adds; so a {@link KvBlockTable#paired paired} table is read one interleaved group at a time (one
 * load, then a shift and a mask give two float vectors of consecutive elements), and four query heads of a group
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

    /** The float vectors of elements [0, L) and [L, 2L) of the pair group at {@code at}. */
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
     * every chain as it was. Scores past len are written and never read.
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
                    groupScores(q, q0 + c, n, hd, b, at, c == 0, c + G == hd, scale, s, stride, j0 + j);
                }
            }
        }
    }

    /**
     * Adds one channel group's products for positions [o, o + G) (keys stored from {@code b[at]}, channel after
     * channel) to the sums in s[t][o ..] of heads t < n, starting from zero at the first group and scaling after the
     * last; heads past n repeat the last one and are not stored.
     */
    private static void groupScores(float[] q, int qc, int n, int hd, short[] b, int at, boolean first, boolean last,
            float scale, float[] s, int stride, int o) {
        int qa = qc;
        int qb = qc + Math.min(1, n - 1) * hd;
        int qcc = qc + Math.min(2, n - 1) * hd;
        int qd = qc + Math.min(3, n - 1) * hd;
        int sb = Math.min(1, n - 1) * stride + o;
        int sc = Math.min(2, n - 1) * stride + o;
        int sd = Math.min(3, n - 1) * stride + o;
        FloatVector a0 = partial(s, o, first);
        FloatVector a1 = partial(s, o + L, first);
        FloatVector b0 = partial(s, sb, first);
        FloatVector b1 = partial(s, sb + L, first);
        FloatVector c0 = partial(s, sc, first);
        FloatVector c1 = partial(s, sc + L, first);
        FloatVector d0 = partial(s, sd, first);
        FloatVector d1 = partial(s, sd + L, first);
        for (int i = 0; i < G; i++, at += G) {
            IntVector w = group(b, at);
            FloatVector lo = low(w);
            FloatVector hi = high(w);
            FloatVector x = FloatVector.broadcast(F, q[qa + i]);
            a0 = x.fma(lo, a0);
            a1 = x.fma(hi, a1);
            x = FloatVector.broadcast(F, q[qb + i]);
            b0 = x.fma(lo, b0);
            b1 = x.fma(hi, b1);
            x = FloatVector.broadcast(F, q[qcc + i]);
            c0 = x.fma(lo, c0);
            c1 = x.fma(hi, c1);
            x = FloatVector.broadcast(F, q[qd + i]);
            d0 = x.fma(lo, d0);
            d1 = x.fma(hi, d1);
        }
        if (last) {
            a0 = a0.mul(scale);
            a1 = a1.mul(scale);
            b0 = b0.mul(scale);
            b1 = b1.mul(scale);
            c0 = c0.mul(scale);
            c1 = c1.mul(scale);
            d0 = d0.mul(scale);
            d1 = d1.mul(scale);
        }
        a0.intoArray(s, o);
        a1.intoArray(s, o + L);
        if (n > 1) {
            b0.intoArray(s, stride + o);
            b1.intoArray(s, stride + o + L);
        }
        if (n > 2) {
            c0.intoArray(s, 2 * stride + o);
            c1.intoArray(s, 2 * stride + o + L);
        }
        if (n > 3) {
            d0.intoArray(s, 3 * stride + o);
            d1.intoArray(s, 3 * stride + o + L);
        }
    }

    /**
     * out[t * hd + c] = Σ_j p[t][j] v_j[ch0 + c], positions in order. A block at a time, and in it a channel group
     * at a time (eight accumulators: with sixteen C2 spills and the loop runs four times slower): the head's values
     * in a block are then read as one contiguous run, and the sums go through {@code out} between blocks, which
     * leaves every chain as it was.
     */
    private static void values(float[] p, int stride, int n, int hd, KvBlockTable kv, int layer, int ch0, int len,
            float[] out, int o) {
        int bp = kv.blockPositions();
        for (int j0 = 0; j0 < len; j0 += bp) {
            short[] b = kv.bf16Block(j0);
            int end = j0 + Math.min(bp, len - j0);
            for (int c = 0; c < hd; c += G) {
                int at = kv.valueBase(layer) + (ch0 + c) / G * bp * G;
                blockGroup(p, stride, n, hd, b, at, j0, end, out, o + c);
            }
        }
    }

    /**
     * Adds positions [j0, end) of one channel group (stored from {@code b[at]}) to out[o + t * hd ..] of heads
     * t < n, starting from zero at the first block; heads past n repeat the last one and are not stored.
     */
    private static void blockGroup(float[] p, int stride, int n, int hd, short[] b, int at, int j0, int end, float[] out,
            int o) {
        int pa = 0;
        int pb = Math.min(1, n - 1) * stride;
        int pc = Math.min(2, n - 1) * stride;
        int pd = Math.min(3, n - 1) * stride;
        boolean first = j0 == 0;
        FloatVector a0 = partial(out, o, first);
        FloatVector a1 = partial(out, o + L, first);
        FloatVector b0 = partial(out, o + Math.min(1, n - 1) * hd, first);
        FloatVector b1 = partial(out, o + Math.min(1, n - 1) * hd + L, first);
        FloatVector c0 = partial(out, o + Math.min(2, n - 1) * hd, first);
        FloatVector c1 = partial(out, o + Math.min(2, n - 1) * hd + L, first);
        FloatVector d0 = partial(out, o + Math.min(3, n - 1) * hd, first);
        FloatVector d1 = partial(out, o + Math.min(3, n - 1) * hd + L, first);
        for (int j = j0; j < end; j++, at += G) {
            IntVector w = group(b, at);
            FloatVector v0 = low(w);
            FloatVector v1 = high(w);
            FloatVector x = FloatVector.broadcast(F, p[pa + j]);
            a0 = x.fma(v0, a0);
            a1 = x.fma(v1, a1);
            x = FloatVector.broadcast(F, p[pb + j]);
            b0 = x.fma(v0, b0);
            b1 = x.fma(v1, b1);
            x = FloatVector.broadcast(F, p[pc + j]);
            c0 = x.fma(v0, c0);
            c1 = x.fma(v1, c1);
            x = FloatVector.broadcast(F, p[pd + j]);
            d0 = x.fma(v0, d0);
            d1 = x.fma(v1, d1);
        }
        a0.intoArray(out, o);
        a1.intoArray(out, o + L);
        if (n > 1) {
            b0.intoArray(out, o + hd);
            b1.intoArray(out, o + hd + L);
        }
        if (n > 2) {
            c0.intoArray(out, o + 2 * hd);
            c1.intoArray(out, o + 2 * hd + L);
        }
        if (n > 3) {
            d0.intoArray(out, o + 3 * hd);
            d1.intoArray(out, o + 3 * hd + L);
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
