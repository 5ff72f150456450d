package dev.zonos4j.tensor;

import dev.zonos4j.tensor.onednn.OneDnn;
import dev.zonos4j.tensor.onednn.OneDnnConv;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * A stride-1 1-D convolution with packed weights: {@code y[o][t] = b[o] + Σ_i Σ_j w[o][i][j] · x[i][t + j·dil − pad]}
 * over the window of {@code y}, reading {@code x} at absolute times (its zero margins supply the padding at the
 * true ends of a sequence).
 *
 * <p>The kernel is a register-blocked GEMM without im2col: 8 output channels × 3 vectors of time are held in 24
 * accumulators while the loop runs over (input channel, tap), each step loading 3 time vectors of {@code x} and
 * broadcasting 8 packed weights. Work is split by time: a task copies the input rows its few tiles read into a
 * contiguous per-thread buffer (L2-resident, prefetch-friendly), then runs every output block over it while the
 * weights stream through in order. Every output is summed in the same order (input channel, then tap) wherever its
 * tile falls, so results do not depend on how a sequence is cut into windows.
 *
 * <p>A phased convolution (see {@link ConvTranspose1d}) computes {@code stride} output phases as virtual output
 * channels {@code c = o·stride + r} and interleaves them on the way out: row c at position q lands on
 * {@code y[o][q·stride + r − shift]}.
 *
 * <p>In {@link ConvPrecision#BF16} the sums run through oneDNN ({@link OneDnnConv}) over pieces of at most
 * {@link OneDnnConv#MAX_WIDTH} positions, each computed at one of a few fixed widths, so that few primitives serve
 * every window; a position's sum does not depend on the piece's width or where it starts (tested).
 */
public final class Conv1d {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Output channels per register block. */
    static final int MR = 8;
    /** Time samples per register block. */
    static final int TILE = 3 * L;
    /** Floats of input a task packs at most (640 KiB: stays in the 1 MiB L2 next to a weight panel). */
    private static final int PACK_FLOATS = 160 * 1024;
    private static final int MAX_GROUP = 16;
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[][] {
        new float[0], new float[MR * TILE]});

    private final int in;
    private final int rows;     // virtual output channels: out · phases
    private final int taps;
    private final int dilation;
    private final int padding;
    private final int phases;   // 1 for an ordinary convolution
    private final int shift;    // phased: row c at q lands on time q·phases + c%phases − shift
    private final int fullBlocks;
    private final float[] packed; // [rows/8][in][taps][8], then the remaining rows as [rows%8][in][taps]; null in bf16
    private final float[] bias;   // [rows]
    private final OneDnnConv bf16; // the oneDNN convolution in bf16, else null

    private Conv1d(int rows, int in, int taps, int dilation, int padding, int phases, int shift, float[] packed,
            float[] bias, OneDnnConv bf16) {
        this.in = in;
        this.rows = rows;
        this.taps = taps;
        this.dilation = dilation;
        this.padding = padding;
        this.phases = phases;
        this.shift = shift;
        this.fullBlocks = rows / MR;
        this.packed = packed;
        this.bias = bias;
        this.bf16 = bf16;
    }

    /**
     * Packs {@code weight[out][in][taps]} (PyTorch Conv1d layout) and {@code bias[out]} (null for none).
     * Padding and reach may not exceed {@link Signal#MARGIN}.
     */
    public static Conv1d pack(float[] weight, float[] bias, int out, int in, int taps, int dilation, int padding) {
        return pack(weight, bias, out, in, taps, dilation, padding, 1, 0, ConvPrecision.F32);
    }

    /** {@link #pack} in the given precision; BF16 needs oneDNN (the native backend) and says so when it is missing. */
    public static Conv1d pack(float[] weight, float[] bias, int out, int in, int taps, int dilation, int padding,
            ConvPrecision precision) {
        return pack(weight, bias, out, in, taps, dilation, padding, 1, 0, precision);
    }

    /**
     * Packs a phased convolution: {@code weight[out·phases][in][taps]} (row {@code o·phases + r}), one bias per
     * real output channel {@code bias[out]}; row c at position q is written to time {@code q·phases + c%phases − shift}.
     */
    static Conv1d pack(float[] weight, float[] bias, int out, int in, int taps, int dilation, int padding, int phases,
            int shift, ConvPrecision precision) {
        if (out < 1 || in < 1 || taps < 1 || dilation < 1 || padding < 0 || phases < 1) {
            throw new IllegalArgumentException("bad conv shape out=" + out + " in=" + in + " taps=" + taps
                    + " dilation=" + dilation + " padding=" + padding);
        }
        int rows = out * phases;
        if (weight.length != rows * in * taps) {
            throw new IllegalArgumentException("weight holds " + weight.length + " values, expected " + rows * in * taps);
        }
        if (padding > Signal.MARGIN || (taps - 1) * dilation - padding > Signal.MARGIN) {
            throw new IllegalArgumentException("conv reach beyond the signal margin of " + Signal.MARGIN);
        }
        float[] b = new float[rows];
        if (bias != null) {
            if (bias.length != out) {
                throw new IllegalArgumentException("bias holds " + bias.length + " values, expected " + out);
            }
            for (int c = 0; c < rows; c++) {
                b[c] = bias[c / phases];
            }
        }
        if (precision == ConvPrecision.BF16) {
            OneDnnConv conv = OneDnnConv.pack(OneDnn.get(), weight, rows, in, taps, dilation, OneDnn.BF16, Parallel.threads());
            return new Conv1d(rows, in, taps, dilation, padding, phases, shift, null, b, conv);
        }
        float[] p = new float[weight.length];
        int blocks = rows / MR;
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
        System.arraycopy(weight, blocks * MR * in * taps, p, n, (rows - blocks * MR) * in * taps);
        return new Conv1d(rows, in, taps, dilation, padding, phases, shift, p, b, null);
    }

    public int inChannels() {
        return in;
    }

    public int outChannels() {
        return rows / phases;
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
        return (long) rows * in * taps / phases;
    }

    /** Writes the convolution of {@code x} over the window of {@code y}. */
    public void forward(Signal x, Signal y) {
        run(x, null, y, false);
    }

    /**
     * Writes the convolution of {@code snake(x)} (per-input-channel α; the activation is applied as the input is
     * packed, so it costs one pass over the rows each tile reads and no buffer).
     */
    public void forward(Signal x, float[] snakeAlpha, Signal y) {
        run(x, snakeAlpha, y, false);
    }

    /** Adds the convolution of {@code x} (bias included) to {@code y} over its window, as in a residual sum. */
    public void forwardAdd(Signal x, Signal y) {
        run(x, null, y, true);
    }

    /** Adds the convolution of {@code snake(x)} to {@code y} over its window. */
    public void forwardAdd(Signal x, float[] snakeAlpha, Signal y) {
        run(x, snakeAlpha, y, true);
    }

    void run(Signal x, Signal y, boolean add) {
        run(x, null, y, add);
    }

    private void run(Signal x, float[] alpha, Signal y, boolean add) {
        if (alpha != null && alpha.length != in) {
            throw new IllegalArgumentException("snake with " + alpha.length + " alphas before a conv of " + in + " inputs");
        }
        if (x.channels() != in || y.channels() != outChannels()) {
            throw new IllegalArgumentException("conv " + in + "->" + outChannels() + " given " + x + " -> " + y);
        }
        if (y.length() == 0) {
            return;
        }
        if (add && phases > 1) {
            throw new IllegalArgumentException("a phased convolution cannot accumulate");
        }
        // positions q whose rows land in y's window
        int q0 = phases == 1 ? y.start() : Math.floorDiv(y.start() + shift, phases);
        int q1 = phases == 1 ? y.end() : Math.floorDiv(y.end() - 1 + shift, phases) + 1;
        int firstRead = q0 - padding;
        int lastRead = q1 - 1 - padding + (taps - 1) * dilation;
        if (firstRead < x.start() - Signal.MARGIN || lastRead >= x.end() + Signal.MARGIN) {
            throw new IllegalArgumentException("conv output window [" + y.start() + ", " + y.end() + ") reads [" + firstRead
                    + ", " + lastRead + "], outside the input window " + x + " and its margins");
        }
        if (bf16 != null) {
            runPieces(x, alpha, q0, q1, y, add);
            return;
        }
        int reach = (taps - 1) * dilation;
        int tiles = Math.ceilDiv(q1 - q0, TILE);
        int group = Math.clamp((PACK_FLOATS / in - reach) / TILE, 1, MAX_GROUP);
        int groups = Math.ceilDiv(tiles, group);
        int blocks = fullBlocks + (rows - fullBlocks * MR);
        int wanted = 4 * Parallel.threads();
        int split = groups >= wanted ? 1 : Math.min(blocks, Math.ceilDiv(wanted, groups));
        Parallel.forRange(groups * split, 1, (from, to) -> {
            float[][] scratch = SCRATCH.get();
            for (int item = from; item < to; item++) {
                int g = item / split;
                int part = item % split;
                int ta = q0 + g * group * TILE;
                int tb = Math.min(q1, ta + group * TILE);
                int width = Math.ceilDiv(tb - ta, TILE) * TILE + reach;
                if (scratch[0].length < in * width) {
                    scratch[0] = new float[in * width];
                }
                float[] px = scratch[0];
                packInput(x, alpha, ta - padding, width, px);
                int b0 = (int) ((long) blocks * part / split);
                int b1 = (int) ((long) blocks * (part + 1) / split);
                for (int block = b0; block < b1; block++) {
                    for (int t = ta; t < tb; t += TILE) {
                        int off = t - ta;
                        if (block < fullBlocks) {
                            tile8(px, off, width, block * in * taps * MR, scratch[1]);
                            writeOut(scratch[1], TILE, MR, block * MR, t, Math.min(TILE, tb - t), y, add);
                        } else {
                            int c = fullBlocks * MR + block - fullBlocks;
                            row1(px, off, width, fullBlocks * MR * in * taps + (c - fullBlocks * MR) * in * taps, scratch[1]);
                            writeOut(scratch[1], TILE, 1, c, t, Math.min(TILE, tb - t), y, add);
                        }
                    }
                }
            }
        });
    }

    /** Positions [q0, q1) through oneDNN, piece by piece (see the class comment). */
    private void runPieces(Signal x, float[] alpha, int q0, int q1, Signal y, boolean add) {
        int threads = Parallel.threads();
        for (int p0 = q0; p0 < q1; p0 += OneDnnConv.MAX_WIDTH) {
            int valid = Math.min(OneDnnConv.MAX_WIDTH, q1 - p0);
            OneDnnConv.Plan plan = bf16.plan(bf16.widthFor(valid), threads);
            int width = bf16.inputWidth(plan.width());
            int from = p0 - padding;
            Parallel.forRange(in, 1, (i0, i1) -> {
                float[] buf = rowBuffer(width);
                for (int i = i0; i < i1; i++) {
                    packInput(x, alpha, from, width, buf, i, i + 1);
                    MemorySegment.copy(buf, 0, plan.input(), ValueLayout.JAVA_FLOAT, (long) i * width * Float.BYTES, width);
                }
            });
            bf16.run(plan, threads);
            int w = plan.width();
            int start = p0;
            Parallel.forRange(Math.ceilDiv(rows, MR), 1, (b0, b1) -> {
                float[] buf = rowBuffer(MR * w);
                for (int block = b0; block < b1; block++) {
                    int c = block * MR;
                    int n = Math.min(MR, rows - c);
                    MemorySegment.copy(plan.output(), ValueLayout.JAVA_FLOAT, (long) c * w * Float.BYTES, buf, 0, n * w);
                    writeOut(buf, w, n, c, start, valid, y, add);
                }
            });
        }
    }

    private static float[] rowBuffer(int n) {
        float[][] scratch = SCRATCH.get();
        if (scratch[0].length < n) {
            scratch[0] = new float[n];
        }
        return scratch[0];
    }

    /**
     * px[i][u] = x[i][from + u] (or snake of it) for u in [0, width), zero where x has neither data nor margin
     * (snake(0) = 0, so padding stays zero).
     */
    private void packInput(Signal x, float[] alpha, int from, int width, float[] px) {
        packInput(x, alpha, from, width, px, 0, in);
    }

    /** {@link #packInput} of input rows [i0, i1) into px's rows [0, i1 − i0). */
    private void packInput(Signal x, float[] alpha, int from, int width, float[] px, int i0, int i1) {
        float[] xd = x.data();
        int lo = Math.max(from, x.start() - Signal.MARGIN);
        int hi = Math.min(from + width, x.end() + Signal.MARGIN);
        for (int i = i0; i < i1; i++) {
            int row = (i - i0) * width;
            if (lo > from) {
                Arrays.fill(px, row, row + lo - from, 0f);
            }
            if (hi > lo && alpha != null) {
                Snake.row(xd, x.index(i, lo), px, row + lo - from, hi - lo, alpha[i]);
            } else if (hi > lo) {
                System.arraycopy(xd, x.index(i, lo), px, row + lo - from, hi - lo);
            }
            if (hi < from + width) {
                Arrays.fill(px, row + Math.max(0, hi - from), row + width, 0f);
            }
        }
    }

    /**
     * The register-blocked core: 8 rows × {@link #TILE} positions from packed input rows of {@code width} floats
     * (position 0 of the tile at column {@code off}), summed over all (input channel, tap), written to
     * {@code tile[8][TILE]}. Kept free of branches and calls so the compiler keeps all 24 accumulators in registers.
     */
    private void tile8(float[] px, int off, int width, int wi, float[] tile) {
        float[] w = packed;
        int nIn = in;
        int nTaps = taps;
        int dil = dilation;
        int stepI = width - nTaps * dil;
        int xi = off;
        FloatVector a00, a01, a02, a10, a11, a12, a20, a21, a22, a30, a31, a32;
        FloatVector a40, a41, a42, a50, a51, a52, a60, a61, a62, a70, a71, a72;
        a00 = a01 = a02 = a10 = a11 = a12 = a20 = a21 = a22 = a30 = a31 = a32 = FloatVector.zero(S);
        a40 = a41 = a42 = a50 = a51 = a52 = a60 = a61 = a62 = a70 = a71 = a72 = a00;
        for (int i = 0; i < nIn; i++, xi += stepI) {
            for (int j = 0; j < nTaps; j++, xi += dil, wi += MR) {
                FloatVector x0 = FloatVector.fromArray(S, px, xi);
                FloatVector x1 = FloatVector.fromArray(S, px, xi + L);
                FloatVector x2 = FloatVector.fromArray(S, px, xi + 2 * L);
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

    /** One row (channels left over after the 8-blocks) × {@link #TILE} positions into {@code tile[0][TILE]}. */
    private void row1(float[] px, int off, int width, int wi, float[] tile) {
        int stepI = width - taps * dilation;
        int xi = off;
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        for (int i = 0; i < in; i++, xi += stepI) {
            for (int j = 0; j < taps; j++, xi += dilation, wi++) {
                FloatVector w = FloatVector.broadcast(S, packed[wi]);
                a0 = FloatVector.fromArray(S, px, xi).fma(w, a0);
                a1 = FloatVector.fromArray(S, px, xi + L).fma(w, a1);
                a2 = FloatVector.fromArray(S, px, xi + 2 * L).fma(w, a2);
            }
        }
        a0.intoArray(tile, 0);
        a1.intoArray(tile, L);
        a2.intoArray(tile, 2 * L);
    }

    /**
     * Writes {@code n} rows of a tile (rows c0.., positions q..q+valid; row c0 + m at {@code m·stride}) plus bias to
     * {@code y}: straight into rows (adding to what is there for a residual sum), or interleaved by phase for a
     * phased convolution.
     */
    private void writeOut(float[] tile, int stride, int n, int c0, int q, int valid, Signal y, boolean add) {
        float[] yd = y.data();
        if (phases == 1) {
            for (int m = 0; m < n; m++) {
                int yi = y.index(c0 + m, q);
                FloatVector b = FloatVector.broadcast(S, bias[c0 + m]);
                for (int v = 0; v < valid; v += L) {
                    VectorMask<Float> mask = S.indexInRange(v, valid);
                    FloatVector r = FloatVector.fromArray(S, tile, m * stride + v).add(b);
                    if (add) {
                        r = FloatVector.fromArray(S, yd, yi + v, mask).add(r);
                    }
                    r.intoArray(yd, yi + v, mask);
                }
            }
            return;
        }
        int lo = y.start();
        int hi = y.end();
        for (int m = 0; m < n; m++) {
            int c = c0 + m;
            int o = c / phases;
            int t = q * phases + c % phases - shift;
            float b = bias[c];
            int yi = y.index(o, t);
            for (int v = 0; v < valid; v++, t += phases, yi += phases) {
                if (t >= lo && t < hi) {
                    yd[yi] = tile[m * stride + v] + b;
                }
            }
        }
    }
}
