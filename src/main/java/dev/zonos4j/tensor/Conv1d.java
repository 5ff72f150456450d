package dev.zonos4j.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A stride-1 1-D convolution with packed weights: {@code y[o][t] = b[o] + Σ_i Σ_j w[o][i][j] · x[i][t + j·dil − pad]}
 * over the window of {@code y}, reading {@code x} at absolute times (its zero margins supply the padding at the
 * true ends of a sequence).
 *
 * <p>The kernel is a register-blocked GEMM without im2col: 8 output channels × 3 vectors of time are held in 24
 * accumulators while the loop runs over (input channel, tap), each step loading 3 time vectors of {@code x} and
 * broadcasting 8 packed weights. Every output is summed in the same order (input channel, then tap) wherever its
 * tile falls, so results do not depend on how a sequence is cut into windows.
 */
public final class Conv1d {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Output channels per register block. */
    static final int MR = 8;
    /** Time samples per register block. */
    static final int TILE = 3 * L;
    /** Tiles one task computes with the same weight panel. */
    private static final int GROUP = 4;

    private final int in;
    private final int out;
    private final int taps;
    private final int dilation;
    private final int padding;
    private final int fullBlocks;
    private final float[] packed; // [out/8][in][taps][8], then the remaining rows as [out%8][in][taps]
    private final float[] bias;   // [out]

    private Conv1d(int out, int in, int taps, int dilation, int padding, float[] packed, float[] bias) {
        this.in = in;
        this.out = out;
        this.taps = taps;
        this.dilation = dilation;
        this.padding = padding;
        this.fullBlocks = out / MR;
        this.packed = packed;
        this.bias = bias;
    }

    /**
     * Packs {@code weight[out][in][taps]} (PyTorch Conv1d layout) and {@code bias[out]} (null for none).
     * Padding may not exceed {@link Signal#MARGIN}.
     */
    public static Conv1d pack(float[] weight, float[] bias, int out, int in, int taps, int dilation, int padding) {
        if (out < 1 || in < 1 || taps < 1 || dilation < 1 || padding < 0) {
            throw new IllegalArgumentException("bad conv shape out=" + out + " in=" + in + " taps=" + taps
                    + " dilation=" + dilation + " padding=" + padding);
        }
        if (weight.length != out * in * taps) {
            throw new IllegalArgumentException("weight holds " + weight.length + " values, expected " + out * in * taps);
        }
        if (padding > Signal.MARGIN || (taps - 1) * dilation - padding > Signal.MARGIN) {
            throw new IllegalArgumentException("conv reach beyond the signal margin of " + Signal.MARGIN);
        }
        float[] b = bias == null ? new float[out] : bias.clone();
        if (b.length != out) {
            throw new IllegalArgumentException("bias holds " + b.length + " values, expected " + out);
        }
        float[] p = new float[weight.length];
        int blocks = out / MR;
        int n = 0;
        for (int ob = 0; ob < blocks; ob++) {
            for (int i = 0; i < in; i++) {
                for (int j = 0; j < taps; j++) {
                    for (int m = 0; m < MR; m++) {
                        p[n++] = weight[((ob * MR + m) * in + i) * taps + j];
                    }
                }
            }
        }
        System.arraycopy(weight, blocks * MR * in * taps, p, n, (out - blocks * MR) * in * taps);
        return new Conv1d(out, in, taps, dilation, padding, p, b);
    }

    public int inChannels() {
        return in;
    }

    public int outChannels() {
        return out;
    }

    public int taps() {
        return taps;
    }

    public int dilation() {
        return dilation;
    }

    public int padding() {
        return padding;
    }

    /** Multiply-adds per output sample (for FLOP counts). */
    public long macsPerSample() {
        return (long) out * in * taps;
    }

    /** Writes the convolution of {@code x} over the window of {@code y}. */
    public void forward(Signal x, Signal y) {
        run(x, y, false);
    }

    /** Adds the convolution of {@code x} (bias included) to {@code y} over its window, as in a residual sum. */
    public void forwardAdd(Signal x, Signal y) {
        run(x, y, true);
    }

    void run(Signal x, Signal y, boolean add) {
        checkShapes(x, y);
        int len = y.length();
        if (len == 0) {
            return;
        }
        int tiles = (len + TILE - 1) / TILE;
        int groups = (tiles + GROUP - 1) / GROUP;
        int blocks = fullBlocks + (out - fullBlocks * MR);
        Parallel.forRange(blocks * groups, 1, (from, to) -> {
            float[] tile = new float[MR * TILE];
            for (int w = from; w < to; w++) {
                int block = w / groups;
                int g = w % groups;
                int t0 = g * GROUP * TILE;
                int t1 = Math.min(len, t0 + GROUP * TILE);
                if (block < fullBlocks) {
                    block8(x, y, block, t0, t1, add, tile);
                } else {
                    row1(x, y, fullBlocks * MR + block - fullBlocks, t0, t1, add, tile);
                }
            }
        });
    }

    void checkShapes(Signal x, Signal y) {
        if (x.channels() != in || y.channels() != out) {
            throw new IllegalArgumentException("conv " + in + "->" + out + " given " + x + " -> " + y);
        }
        int firstRead = y.start() - padding;
        int lastRead = y.end() - 1 - padding + (taps - 1) * dilation;
        if (y.length() > 0 && (firstRead < x.start() - Signal.MARGIN || lastRead >= x.end() + Signal.MARGIN)) {
            throw new IllegalArgumentException("conv output window [" + y.start() + ", " + y.end() + ") reads [" + firstRead
                    + ", " + lastRead + "], outside the input window " + x + " and its margins");
        }
    }

    /** Output channels [8·block, 8·block+8) over window offsets [t0, t1). */
    private void block8(Signal x, Signal y, int block, int t0, int t1, boolean add, float[] tile) {
        int o0 = block * MR;
        for (int t = t0; t < t1; t += TILE) {
            tile8(x.data(), x.index(0, y.start() + t - padding), x.pitch() - taps * dilation, block * in * taps * MR, tile);
            int valid = Math.min(TILE, t1 - t);
            float[] yd = y.data();
            for (int m = 0; m < MR; m++) {
                int yi = y.index(o0 + m, y.start() + t);
                float b = bias[o0 + m];
                int ti = m * TILE;
                if (add) {
                    for (int v = 0; v < valid; v++) {
                        yd[yi + v] += tile[ti + v] + b;
                    }
                } else {
                    for (int v = 0; v < valid; v++) {
                        yd[yi + v] = tile[ti + v] + b;
                    }
                }
            }
        }
    }

    /**
     * The register-blocked core: 8 output rows × {@link #TILE} samples starting at input index {@code xi} (the
     * first tap of input channel 0), summed over all (input channel, tap), written to {@code tile[8][TILE]}.
     * Kept free of branches and calls so the compiler keeps all 24 accumulators in registers.
     */
    private void tile8(float[] xd, int xi, int stepI, int wi, float[] tile) {
        float[] w = packed;
        int nIn = in;
        int nTaps = taps;
        int dil = dilation;
        FloatVector a00, a01, a02, a10, a11, a12, a20, a21, a22, a30, a31, a32;
        FloatVector a40, a41, a42, a50, a51, a52, a60, a61, a62, a70, a71, a72;
        a00 = a01 = a02 = a10 = a11 = a12 = a20 = a21 = a22 = a30 = a31 = a32 = FloatVector.zero(S);
        a40 = a41 = a42 = a50 = a51 = a52 = a60 = a61 = a62 = a70 = a71 = a72 = a00;
        for (int i = 0; i < nIn; i++, xi += stepI) {
            for (int j = 0; j < nTaps; j++, xi += dil, wi += MR) {
                FloatVector x0 = FloatVector.fromArray(S, xd, xi);
                FloatVector x1 = FloatVector.fromArray(S, xd, xi + L);
                FloatVector x2 = FloatVector.fromArray(S, xd, xi + 2 * L);
                FloatVector v = FloatVector.broadcast(S, w[wi]);
                a00 = x0.fma(v, a00); a01 = x1.fma(v, a01); a02 = x2.fma(v, a02);
                v = FloatVector.broadcast(S, w[wi + 1]);
                a10 = x0.fma(v, a10); a11 = x1.fma(v, a11); a12 = x2.fma(v, a12);
                v = FloatVector.broadcast(S, w[wi + 2]);
                a20 = x0.fma(v, a20); a21 = x1.fma(v, a21); a22 = x2.fma(v, a22);
                v = FloatVector.broadcast(S, w[wi + 3]);
                a30 = x0.fma(v, a30); a31 = x1.fma(v, a31); a32 = x2.fma(v, a32);
                v = FloatVector.broadcast(S, w[wi + 4]);
                a40 = x0.fma(v, a40); a41 = x1.fma(v, a41); a42 = x2.fma(v, a42);
                v = FloatVector.broadcast(S, w[wi + 5]);
                a50 = x0.fma(v, a50); a51 = x1.fma(v, a51); a52 = x2.fma(v, a52);
                v = FloatVector.broadcast(S, w[wi + 6]);
                a60 = x0.fma(v, a60); a61 = x1.fma(v, a61); a62 = x2.fma(v, a62);
                v = FloatVector.broadcast(S, w[wi + 7]);
                a70 = x0.fma(v, a70); a71 = x1.fma(v, a71); a72 = x2.fma(v, a72);
            }
        }
        a00.intoArray(tile, 0); a01.intoArray(tile, L); a02.intoArray(tile, 2 * L);
        a10.intoArray(tile, TILE); a11.intoArray(tile, TILE + L); a12.intoArray(tile, TILE + 2 * L);
        a20.intoArray(tile, 2 * TILE); a21.intoArray(tile, 2 * TILE + L); a22.intoArray(tile, 2 * TILE + 2 * L);
        a30.intoArray(tile, 3 * TILE); a31.intoArray(tile, 3 * TILE + L); a32.intoArray(tile, 3 * TILE + 2 * L);
        a40.intoArray(tile, 4 * TILE); a41.intoArray(tile, 4 * TILE + L); a42.intoArray(tile, 4 * TILE + 2 * L);
        a50.intoArray(tile, 5 * TILE); a51.intoArray(tile, 5 * TILE + L); a52.intoArray(tile, 5 * TILE + 2 * L);
        a60.intoArray(tile, 6 * TILE); a61.intoArray(tile, 6 * TILE + L); a62.intoArray(tile, 6 * TILE + 2 * L);
        a70.intoArray(tile, 7 * TILE); a71.intoArray(tile, 7 * TILE + L); a72.intoArray(tile, 7 * TILE + 2 * L);
    }

    /** One output channel over window offsets [t0, t1) (channels left over after the 8-blocks). */
    private void row1(Signal x, Signal y, int o, int t0, int t1, boolean add, float[] tile) {
        float[] xd = x.data();
        float[] yd = y.data();
        int stepI = x.pitch() - taps * dilation;
        int rowStart = fullBlocks * MR * in * taps + (o - fullBlocks * MR) * in * taps;
        float b = bias[o];
        for (int t = t0; t < t1; t += TILE) {
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            int xi = x.index(0, y.start() + t - padding);
            int wi = rowStart;
            for (int i = 0; i < in; i++, xi += stepI) {
                for (int j = 0; j < taps; j++, xi += dilation, wi++) {
                    FloatVector w = FloatVector.broadcast(S, packed[wi]);
                    a0 = FloatVector.fromArray(S, xd, xi).fma(w, a0);
                    a1 = FloatVector.fromArray(S, xd, xi + L).fma(w, a1);
                    a2 = FloatVector.fromArray(S, xd, xi + 2 * L).fma(w, a2);
                }
            }
            a0.intoArray(tile, 0);
            a1.intoArray(tile, L);
            a2.intoArray(tile, 2 * L);
            int yi = y.index(o, y.start() + t);
            int valid = Math.min(TILE, t1 - t);
            for (int v = 0; v < valid; v++) {
                yd[yi + v] = add ? yd[yi + v] + (tile[v] + b) : tile[v] + b;
            }
        }
    }
}
