package dev.zonos4j.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A 2-D convolution over one image, {@code [cin][h][w] → [cout][ho][wo]}, with square kernel k, stride and
 * zero padding, plus a per-output-channel bias (where a following eval-mode BatchNorm has been folded in)
 * and an optional fused ReLU.
 *
 * <p>The input is first copied into a zero-bordered scratch layout in which every kernel tap reads a
 * contiguous run of columns: each padded row is split into {@code stride} column phases, so tap (ky, kx)
 * of output column x reads phase {@code kx mod stride} at position {@code x + kx / stride}. The kernel then
 * computes 4 output channels × 4 vectors of output columns per step, broadcasting one weight per channel
 * against the shared input vectors. Work is split over (output row, group of output channels).
 */
public final class Conv2d implements Convolution {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int V = S.length();
    private static final int CO_TILE = 4;
    private static final int X_TILE = 4 * V;
    private static final int TILES_PER_GROUP = 8;

    private final int cin;
    private final int cout;
    private final int k;
    private final int stride;
    private final int pad;
    private final int coTiles;
    private final float[] packed; // (coTiles, cin, k·k, CO_TILE): the tile's 4 weights of one tap side by side
    private final float[] bias;   // (coTiles·CO_TILE), zero past cout

    /**
     * @param weight (cout, cin, k, k) as PyTorch stores it
     * @param bias   (cout), or null for none
     */
    public Conv2d(float[] weight, float[] bias, int cin, int cout, int k, int stride, int pad) {
        if (cin < 1 || cout < 1 || k < 1 || stride < 1 || pad < 0 || pad >= k) {
            throw new IllegalArgumentException("bad conv2d geometry: cin " + cin + ", cout " + cout + ", k " + k
                    + ", stride " + stride + ", pad " + pad);
        }
        if (weight.length != cout * cin * k * k || (bias != null && bias.length != cout)) {
            throw new IllegalArgumentException("conv2d weight holds " + weight.length + " values, expected "
                    + cout * cin * k * k + (bias == null ? "" : "; bias " + bias.length + ", expected " + cout));
        }
        this.cin = cin;
        this.cout = cout;
        this.k = k;
        this.stride = stride;
        this.pad = pad;
        this.coTiles = (cout + CO_TILE - 1) / CO_TILE;
        int kk = k * k;
        this.packed = new float[coTiles * cin * kk * CO_TILE];
        this.bias = new float[coTiles * CO_TILE];
        for (int co = 0; co < cout; co++) {
            int tile = co / CO_TILE;
            int lane = co % CO_TILE;
            for (int ci = 0; ci < cin; ci++) {
                for (int t = 0; t < kk; t++) {
                    packed[((tile * cin + ci) * kk + t) * CO_TILE + lane] = weight[(co * cin + ci) * kk + t];
                }
            }
            this.bias[co] = bias == null ? 0f : bias[co];
        }
    }

    @Override
    public int inChannels() {
        return cin;
    }

    @Override
    public int outChannels() {
        return cout;
    }

    @Override
    public int outHeight(int h) {
        return (h + 2 * pad - k) / stride + 1;
    }

    @Override
    public int outWidth(int w) {
        return (w + 2 * pad - k) / stride + 1;
    }

    @Override
    public int scratchSize(int h, int w) {
        return cin * (h + 2 * pad) * stride * phaseWidth(w);
    }

    /** Positions per column phase: every tile of output columns, plus the taps' reach past it. */
    private int phaseWidth(int w) {
        int tiles = (outWidth(w) + X_TILE - 1) / X_TILE;
        return tiles * X_TILE + (k - 1) / stride;
    }

    @Override
    public void forward(float[] in, int h, int w, float[] out, boolean relu, float[] scratch) {
        int ho = outHeight(h);
        int wo = outWidth(w);
        if (ho < 1 || wo < 1) {
            throw new IllegalArgumentException("conv2d input " + h + "x" + w + " is smaller than the kernel");
        }
        if (in.length < cin * h * w || out.length < cout * ho * wo || scratch.length < scratchSize(h, w)) {
            throw new IllegalArgumentException("conv2d buffers too small for input " + cin + "x" + h + "x" + w);
        }
        int wq = phaseWidth(w);
        int rowStride = stride * wq;
        int chanStride = (h + 2 * pad) * rowStride;
        pack(in, h, w, wq, scratch);
        int kk = k * k;
        int[] tapOffset = new int[kk];
        for (int ky = 0; ky < k; ky++) {
            for (int kx = 0; kx < k; kx++) {
                tapOffset[ky * k + kx] = ky * rowStride + (kx % stride) * wq + kx / stride;
            }
        }
        int groups = (coTiles + TILES_PER_GROUP - 1) / TILES_PER_GROUP;
        Parallel.forRange(ho * groups, 1, (from, to) -> {
            float[] block = new float[CO_TILE * X_TILE];
            for (int item = from; item < to; item++) {
                int y = item / groups;
                int firstTile = (item % groups) * TILES_PER_GROUP;
                int lastTile = Math.min(coTiles, firstTile + TILES_PER_GROUP);
                int rowBase = stride * y * rowStride;
                for (int x0 = 0; x0 < wo; x0 += X_TILE) {
                    for (int tile = firstTile; tile < lastTile; tile++) {
                        tile(scratch, rowBase + x0, chanStride, tapOffset, tile, block);
                        int valid = Math.min(X_TILE, wo - x0);
                        int co = tile * CO_TILE;
                        for (int c = 0; c < CO_TILE && co + c < cout; c++) {
                            copyOut(block, c * X_TILE, out, ((co + c) * ho + y) * wo + x0, valid, relu);
                        }
                    }
                }
            }
        });
    }

    /** Copies in into the zero-bordered, phase-split scratch layout. */
    private void pack(float[] in, int h, int w, int wq, float[] scratch) {
        int hp = h + 2 * pad;
        Parallel.forRange(cin, 1, (from, to) -> {
            for (int ci = from; ci < to; ci++) {
                for (int r = 0; r < hp; r++) {
                    int srcRow = r - pad;
                    for (int phase = 0; phase < stride; phase++) {
                        int dst = ((ci * hp + r) * stride + phase) * wq;
                        java.util.Arrays.fill(scratch, dst, dst + wq, 0f);
                        if (srcRow < 0 || srcRow >= h) {
                            continue;
                        }
                        int src = (ci * h + srcRow) * w;
                        if (stride == 1) {
                            System.arraycopy(in, src, scratch, dst + pad, w);
                            continue;
                        }
                        // padded column c = u·stride + phase holds input column c − pad
                        for (int u = 0; u < wq; u++) {
                            int col = u * stride + phase - pad;
                            if (col >= 0 && col < w) {
                                scratch[dst + u] = in[src + col];
                            }
                        }
                    }
                }
            }
        });
    }

    /**
     * 4 output channels × X_TILE output columns starting at scratch offset base, accumulated over all input
     * channels and taps, written to block (CO_TILE, X_TILE) in full vectors; the caller keeps the valid columns.
     */
    private void tile(float[] p, int base, int chanStride, int[] tapOffset, int tile, float[] block) {
        int co = tile * CO_TILE;
        FloatVector b0 = FloatVector.broadcast(S, bias[co]);
        FloatVector b1 = FloatVector.broadcast(S, bias[co + 1]);
        FloatVector b2 = FloatVector.broadcast(S, bias[co + 2]);
        FloatVector b3 = FloatVector.broadcast(S, bias[co + 3]);
        FloatVector a00 = b0, a01 = b0, a02 = b0, a03 = b0;
        FloatVector a10 = b1, a11 = b1, a12 = b1, a13 = b1;
        FloatVector a20 = b2, a21 = b2, a22 = b2, a23 = b2;
        FloatVector a30 = b3, a31 = b3, a32 = b3, a33 = b3;
        int kk = tapOffset.length;
        int wi = tile * cin * kk * CO_TILE;
        for (int ci = 0; ci < cin; ci++) {
            int cBase = base + ci * chanStride;
            for (int t = 0; t < kk; t++) {
                int a = cBase + tapOffset[t];
                FloatVector i0 = FloatVector.fromArray(S, p, a);
                FloatVector i1 = FloatVector.fromArray(S, p, a + V);
                FloatVector i2 = FloatVector.fromArray(S, p, a + 2 * V);
                FloatVector i3 = FloatVector.fromArray(S, p, a + 3 * V);
                FloatVector w = FloatVector.broadcast(S, packed[wi]);
                a00 = i0.fma(w, a00);
                a01 = i1.fma(w, a01);
                a02 = i2.fma(w, a02);
                a03 = i3.fma(w, a03);
                w = FloatVector.broadcast(S, packed[wi + 1]);
                a10 = i0.fma(w, a10);
                a11 = i1.fma(w, a11);
                a12 = i2.fma(w, a12);
                a13 = i3.fma(w, a13);
                w = FloatVector.broadcast(S, packed[wi + 2]);
                a20 = i0.fma(w, a20);
                a21 = i1.fma(w, a21);
                a22 = i2.fma(w, a22);
                a23 = i3.fma(w, a23);
                w = FloatVector.broadcast(S, packed[wi + 3]);
                a30 = i0.fma(w, a30);
                a31 = i1.fma(w, a31);
                a32 = i2.fma(w, a32);
                a33 = i3.fma(w, a33);
                wi += CO_TILE;
            }
        }
        store(a00, a01, a02, a03, block, 0);
        store(a10, a11, a12, a13, block, X_TILE);
        store(a20, a21, a22, a23, block, 2 * X_TILE);
        store(a30, a31, a32, a33, block, 3 * X_TILE);
    }

    private static void store(FloatVector v0, FloatVector v1, FloatVector v2, FloatVector v3, float[] block, int off) {
        v0.intoArray(block, off);
        v1.intoArray(block, off + V);
        v2.intoArray(block, off + 2 * V);
        v3.intoArray(block, off + 3 * V);
    }

    /**
     * Copies the valid columns of one block row to the output, applying ReLU here rather than in the kernel:
     * a vector max next to the 16 live accumulators makes C2 spill them and slows the kernel several-fold.
     */
    private static void copyOut(float[] block, int from, float[] out, int at, int count, boolean relu) {
        if (!relu) {
            System.arraycopy(block, from, out, at, count);
            return;
        }
        for (int i = 0; i < count; i++) {
            out[at + i] = Math.max(block[from + i], 0f);
        }
    }

    /** Plain nested-loop reference over the PyTorch weight layout, for tests. */
    public static void reference(float[] in, int cin, int h, int w, float[] weight, float[] bias, int cout,
                                 int k, int stride, int pad, boolean relu, float[] out) {
        int ho = (h + 2 * pad - k) / stride + 1;
        int wo = (w + 2 * pad - k) / stride + 1;
        for (int co = 0; co < cout; co++) {
            for (int y = 0; y < ho; y++) {
                for (int x = 0; x < wo; x++) {
                    float sum = bias == null ? 0f : bias[co];
                    for (int ci = 0; ci < cin; ci++) {
                        for (int ky = 0; ky < k; ky++) {
                            int iy = y * stride + ky - pad;
                            if (iy < 0 || iy >= h) {
                                continue;
                            }
                            for (int kx = 0; kx < k; kx++) {
                                int ix = x * stride + kx - pad;
                                if (ix >= 0 && ix < w) {
                                    sum += weight[((co * cin + ci) * k + ky) * k + kx] * in[(ci * h + iy) * w + ix];
                                }
                            }
                        }
                    }
                    out[(co * ho + y) * wo + x] = relu ? Math.max(sum, 0f) : sum;
                }
            }
        }
    }
}
