package dev.zonos4j.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * 3×3 convolution, stride 1, padding 1, by Winograd's minimal filtering F(2×2, 3×3): each 2×2 output tile
 * comes from a 4×4 input tile as {@code Y = Aᵀ [Σ_ci (G g Gᵀ) ⊙ (Bᵀ d B)] A}, so the channel sums become 16
 * independent matrix products (weights × transformed inputs) with 4 instead of 9 multiplies per output.
 * The transforms only add, subtract and halve, so rounding stays close to direct convolution.
 *
 * <p>Tiles are numbered row-major over the output and processed in chunks of {@value #CHUNK}; the products
 * run 4 output channels × {@value #CHUNK} tiles per step, broadcasting one transformed weight per channel.
 */
public final class Winograd3x3 implements Convolution {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> S4 = FloatVector.SPECIES_128;
    private static final int V = S.length();
    private static final int CO_TILE = 4;
    private static final int CHUNK = 4 * V;
    private static final int POINTS = 16;
    // lane 2i takes lane i (+ V/2 for the high half) of the first vector, lane 2i + 1 the same lane of the second
    private static final VectorShuffle<Float> ZIP_LOW = VectorShuffle.fromOp(S, j -> j % 2 == 0 ? j / 2 : V + j / 2);
    private static final VectorShuffle<Float> ZIP_HIGH = VectorShuffle.fromOp(S, j -> j % 2 == 0 ? V / 2 + j / 2 : V + V / 2 + j / 2);

    /** Per-thread buffers: transformed inputs, products and output tiles of one chunk. */
    private static final class Buffers {
        float[] v = new float[0]; // (16, cin, CHUNK)
        final float[] m = new float[POINTS * CO_TILE * CHUNK]; // (16, CO_TILE, CHUNK)
        final float[] y = new float[4 * CHUNK]; // (2×2 output positions, CHUNK)
    }

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private final int cin;
    private final int cout;
    private final int coTiles;
    private final float[] weight; // (coTiles, 9, cin, CO_TILE): a tile's 4 output channels side by side, zero past cout
    private final float[] bias;   // (coTiles·CO_TILE)

    /**
     * @param weight (cout, cin, 3, 3) as PyTorch stores it
     * @param bias   (cout), or null
     */
    public Winograd3x3(float[] weight, float[] bias, int cin, int cout) {
        if (cin < 1 || cout < 1 || weight.length != cout * cin * 9 || (bias != null && bias.length != cout)) {
            throw new IllegalArgumentException("bad 3x3 convolution: cin " + cin + ", cout " + cout + ", weight of "
                    + weight.length + " values" + (bias == null ? "" : ", bias of " + bias.length));
        }
        this.cin = cin;
        this.cout = cout;
        this.coTiles = (cout + CO_TILE - 1) / CO_TILE;
        this.weight = new float[coTiles * 9 * cin * CO_TILE];
        this.bias = new float[coTiles * CO_TILE];
        for (int co = 0; co < cout; co++) {
            for (int ci = 0; ci < cin; ci++) {
                for (int k = 0; k < 9; k++) {
                    this.weight[((co / CO_TILE * 9 + k) * cin + ci) * CO_TILE + co % CO_TILE] = weight[(co * cin + ci) * 9 + k];
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
        return h;
    }

    @Override
    public int outWidth(int w) {
        return w;
    }

    /**
     * The transformed weights (16, coTiles, cin, 4), then the padded input (zero border of 1, height and width
     * rounded up to even) split into even/odd columns.
     */
    @Override
    public int scratchSize(int h, int w) {
        return transformedSize() + cin * paddedRows(h) * 2 * phaseWidth(w);
    }

    private int transformedSize() {
        return POINTS * coTiles * CO_TILE * cin;
    }

    private static int paddedRows(int h) {
        return 2 * ((h + 1) / 2) + 2;
    }

    /** Tiles per row, rounded up to whole vectors (the extra tiles read zero padding and are not written). */
    private static int rowTiles(int w) {
        return ((w + 1) / 2 + V - 1) / V * V;
    }

    private static int phaseWidth(int w) {
        return rowTiles(w) + 1;
    }

    @Override
    public void forward(float[] in, int h, int w, float[] out, boolean relu, float[] scratch) {
        if (h < 1 || w < 1 || in.length < cin * h * w || out.length < cout * h * w || scratch.length < scratchSize(h, w)) {
            throw new IllegalArgumentException("3x3 convolution buffers too small for input " + cin + "x" + h + "x" + w);
        }
        int tilesX = rowTiles(w);
        int total = ((h + 1) / 2) * tilesX;
        Layout layout = new Layout(h, w, tilesX, phaseWidth(w), paddedRows(h) * 2 * phaseWidth(w), transformedSize());
        // one parallel region for both preparations: weight tiles first, then input channels
        Parallel.forRange(coTiles + cin, 1, (from, to) -> {
            for (int item = from; item < to; item++) {
                if (item < coTiles) {
                    for (int ci = 0; ci < cin; ci++) {
                        transformWeight(item, ci, scratch);
                    }
                } else {
                    pack(in, h, w, layout, item - coTiles, scratch);
                }
            }
        });
        int chunks = (total + CHUNK - 1) / CHUNK;
        Parallel.forRange(chunks, 1, (from, to) -> {
            Buffers b = BUFFERS.get();
            if (b.v.length < POINTS * cin * CHUNK) {
                b.v = new float[POINTS * cin * CHUNK];
            }
            for (int chunk = from; chunk < to; chunk++) {
                int first = chunk * CHUNK;
                int count = Math.min(CHUNK, total - first);
                transformInput(scratch, layout, first, count, b.v);
                for (int tile = 0; tile < coTiles; tile++) {
                    multiply(scratch, b.v, tile, b.m);
                    for (int c = 0; c < CO_TILE && tile * CO_TILE + c < cout; c++) {
                        transformOutput(b.m, c, bias[tile * CO_TILE + c], relu, b.y);
                        scatter(b.y, layout, first, count, out, tile * CO_TILE + c);
                    }
                }
            }
        });
    }

    /**
     * Geometry of one call: output size, tiles per row (a multiple of the vector length), phase width, floats
     * per padded channel, and where the padded input starts in the scratch.
     */
    private record Layout(int h, int w, int tilesX, int wq, int channel, int inputAt) {
        int row() {
            return 2 * wq;
        }
    }

    /**
     * U = G g Gᵀ, G = [[1, 0, 0], [½, ½, ½], [½, −½, ½], [0, 0, 1]], for one input channel and the 4 output
     * channels of a tile (the 4 lanes of a 128-bit vector), into the scratch laid out (16, coTiles, cin, 4).
     * Redone on every call so that only the 9 weights per channel pair stay in memory (the 16 transformed ones
     * would take ~300 MB more for the real model); that makes a call about 5% (wide inputs) to 20% (narrow)
     * slower than transforming once at load.
     */
    private void transformWeight(int tile, int ci, float[] u) {
        int step = cin * CO_TILE;
        int g = (tile * 9 * cin + ci) * CO_TILE;
        // kernel rows a, b, c; columns 0, 1, 2
        FloatVector a0 = FloatVector.fromArray(S4, weight, g);
        FloatVector a1 = FloatVector.fromArray(S4, weight, g + step);
        FloatVector a2 = FloatVector.fromArray(S4, weight, g + 2 * step);
        FloatVector b0 = FloatVector.fromArray(S4, weight, g + 3 * step).mul(0.5f);
        FloatVector b1 = FloatVector.fromArray(S4, weight, g + 4 * step).mul(0.5f);
        FloatVector b2 = FloatVector.fromArray(S4, weight, g + 5 * step).mul(0.5f);
        FloatVector c0 = FloatVector.fromArray(S4, weight, g + 6 * step);
        FloatVector c1 = FloatVector.fromArray(S4, weight, g + 7 * step);
        FloatVector c2 = FloatVector.fromArray(S4, weight, g + 8 * step);
        // rows of G g: a, (a + c)/2 + b/2, (a + c)/2 − b/2, c
        FloatVector s0 = a0.add(c0).mul(0.5f);
        FloatVector s1 = a1.add(c1).mul(0.5f);
        FloatVector s2 = a2.add(c2).mul(0.5f);
        int plane = coTiles * step;
        int at = (tile * cin + ci) * CO_TILE;
        storeWeightRow(a0, a1, a2, u, at, plane);
        storeWeightRow(s0.add(b0), s1.add(b1), s2.add(b2), u, at + 4 * plane, plane);
        storeWeightRow(s0.sub(b0), s1.sub(b1), s2.sub(b2), u, at + 8 * plane, plane);
        storeWeightRow(c0, c1, c2, u, at + 12 * plane, plane);
    }

    /** One row (t0, t1, t2) of G g times Gᵀ: points t0, (t0 + t2)/2 + t1/2, (t0 + t2)/2 − t1/2, t2. */
    private static void storeWeightRow(FloatVector t0, FloatVector t1, FloatVector t2, float[] u, int at, int plane) {
        FloatVector half = t0.add(t2).mul(0.5f);
        FloatVector mid = t1.mul(0.5f);
        t0.intoArray(u, at);
        half.add(mid).intoArray(u, at + plane);
        half.sub(mid).intoArray(u, at + 2 * plane);
        t2.intoArray(u, at + 3 * plane);
    }

    /** Padded column c (input column c − 1) goes to phase c mod 2, position c / 2; everything else is zero. */
    private void pack(float[] in, int h, int w, Layout l, int ci, float[] scratch) {
        int hp = l.channel() / l.row();
        for (int r = 0; r < hp; r++) {
            int even = l.inputAt() + ci * l.channel() + r * l.row();
            int odd = even + l.wq();
            java.util.Arrays.fill(scratch, even, even + l.row(), 0f);
            if (r < 1 || r > h) {
                continue;
            }
            int src = (ci * h + r - 1) * w;
            for (int x = 0; x < w; x += 2) {
                scratch[odd + x / 2] = in[src + x];
            }
            for (int x = 1; x < w; x += 2) {
                scratch[even + (x + 1) / 2] = in[src + x];
            }
        }
    }

    /**
     * V = Bᵀ d B for the chunk's tiles and every input channel, with
     * Bᵀ = [[1, 0, −1, 0], [0, 1, 1, 0], [0, −1, 1, 0], [0, 1, 0, −1]]; stored (16, cin, CHUNK).
     */
    private void transformInput(float[] p, Layout l, int first, int count, float[] v) {
        if (count < CHUNK) {
            for (int k = 0; k < POINTS * cin; k++) {
                java.util.Arrays.fill(v, k * CHUNK + count, (k + 1) * CHUNK, 0f);
            }
        }
        int plane = cin * CHUNK;
        // rows hold a whole number of vectors of tiles and chunks start on a vector, so groups never straddle rows
        for (int pos = 0; pos < count; pos += V) {
            int t = first + pos;
            int rowBase = l.inputAt() + 2 * (t / l.tilesX()) * l.row() + t % l.tilesX();
            for (int ci = 0; ci < cin; ci++) {
                transformInputVector(p, rowBase + ci * l.channel(), l.row(), l.wq(), v, ci * CHUNK + pos, plane);
            }
        }
    }

    /** V for V adjacent tiles of one input channel. */
    private static void transformInputVector(float[] p, int at, int row, int wq, float[] v, int dst, int plane) {
        // columns j = 0..3 of the 4×4 tile: even phase at tx, odd at tx, even at tx + 1, odd at tx + 1
        for (int i = 0; i < 4; i++) {
            // row i of Bᵀ d, one vector per tile column
            FloatVector t0 = rowOfBtD(p, at, row, i);
            FloatVector t1 = rowOfBtD(p, at + wq, row, i);
            FloatVector t2 = rowOfBtD(p, at + 1, row, i);
            FloatVector t3 = rowOfBtD(p, at + wq + 1, row, i);
            t0.sub(t2).intoArray(v, dst + (4 * i) * plane);
            t1.add(t2).intoArray(v, dst + (4 * i + 1) * plane);
            t2.sub(t1).intoArray(v, dst + (4 * i + 2) * plane);
            t1.sub(t3).intoArray(v, dst + (4 * i + 3) * plane);
        }
    }

    /** Row i of Bᵀ d for one tile column starting at {@code at}: d0 − d2, d1 + d2, d2 − d1 or d1 − d3. */
    private static FloatVector rowOfBtD(float[] p, int at, int row, int i) {
        return switch (i) {
            case 0 -> FloatVector.fromArray(S, p, at).sub(FloatVector.fromArray(S, p, at + 2 * row));
            case 1 -> FloatVector.fromArray(S, p, at + row).add(FloatVector.fromArray(S, p, at + 2 * row));
            case 2 -> FloatVector.fromArray(S, p, at + 2 * row).sub(FloatVector.fromArray(S, p, at + row));
            default -> FloatVector.fromArray(S, p, at + row).sub(FloatVector.fromArray(S, p, at + 3 * row));
        };
    }

    /** M[p][c][t] = Σ_ci U[p][co][ci] · V[p][ci][t] for the 16 points p and the tile's 4 output channels. */
    private void multiply(float[] u, float[] v, int tile, float[] m) {
        for (int p = 0; p < POINTS; p++) {
            FloatVector a00 = FloatVector.zero(S), a01 = a00, a02 = a00, a03 = a00;
            FloatVector a10 = a00, a11 = a00, a12 = a00, a13 = a00;
            FloatVector a20 = a00, a21 = a00, a22 = a00, a23 = a00;
            FloatVector a30 = a00, a31 = a00, a32 = a00, a33 = a00;
            int vi = p * cin * CHUNK;
            int wi = (p * coTiles + tile) * cin * CO_TILE;
            for (int ci = 0; ci < cin; ci++) {
                FloatVector i0 = FloatVector.fromArray(S, v, vi);
                FloatVector i1 = FloatVector.fromArray(S, v, vi + V);
                FloatVector i2 = FloatVector.fromArray(S, v, vi + 2 * V);
                FloatVector i3 = FloatVector.fromArray(S, v, vi + 3 * V);
                FloatVector w = FloatVector.broadcast(S, u[wi]);
                a00 = i0.fma(w, a00);
                a01 = i1.fma(w, a01);
                a02 = i2.fma(w, a02);
                a03 = i3.fma(w, a03);
                w = FloatVector.broadcast(S, u[wi + 1]);
                a10 = i0.fma(w, a10);
                a11 = i1.fma(w, a11);
                a12 = i2.fma(w, a12);
                a13 = i3.fma(w, a13);
                w = FloatVector.broadcast(S, u[wi + 2]);
                a20 = i0.fma(w, a20);
                a21 = i1.fma(w, a21);
                a22 = i2.fma(w, a22);
                a23 = i3.fma(w, a23);
                w = FloatVector.broadcast(S, u[wi + 3]);
                a30 = i0.fma(w, a30);
                a31 = i1.fma(w, a31);
                a32 = i2.fma(w, a32);
                a33 = i3.fma(w, a33);
                vi += CHUNK;
                wi += CO_TILE;
            }
            int mo = p * CO_TILE * CHUNK;
            store(a00, a01, a02, a03, m, mo);
            store(a10, a11, a12, a13, m, mo + CHUNK);
            store(a20, a21, a22, a23, m, mo + 2 * CHUNK);
            store(a30, a31, a32, a33, m, mo + 3 * CHUNK);
        }
    }

    private static void store(FloatVector v0, FloatVector v1, FloatVector v2, FloatVector v3, float[] m, int off) {
        v0.intoArray(m, off);
        v1.intoArray(m, off + V);
        v2.intoArray(m, off + 2 * V);
        v3.intoArray(m, off + 3 * V);
    }

    /** Y = Aᵀ M A (+ bias, ReLU) for channel c of the tile, Aᵀ = [[1, 1, 1, 0], [0, 1, −1, −1]]; y is (4, CHUNK). */
    private static void transformOutput(float[] m, int c, float bias, boolean relu, float[] y) {
        FloatVector b = FloatVector.broadcast(S, bias);
        FloatVector floor = FloatVector.broadcast(S, relu ? 0f : Float.NEGATIVE_INFINITY);
        for (int k = 0; k < CHUNK; k += V) {
            int at = c * CHUNK + k;
            int step = CO_TILE * CHUNK;
            // row a of Aᵀ M, one vector per column j
            for (int a = 0; a < 2; a++) {
                FloatVector s0 = rowOfAtM(m, at, step, a);
                FloatVector s1 = rowOfAtM(m, at + step, step, a);
                FloatVector s2 = rowOfAtM(m, at + 2 * step, step, a);
                FloatVector s3 = rowOfAtM(m, at + 3 * step, step, a);
                s0.add(s1).add(s2).add(b).max(floor).intoArray(y, (2 * a) * CHUNK + k);
                s1.sub(s2).sub(s3).add(b).max(floor).intoArray(y, (2 * a + 1) * CHUNK + k);
            }
        }
    }

    /** Row a of Aᵀ M for column j (M rows i at point 4i + j, {@code step} apart per point): m0 + m1 + m2 or m1 − m2 − m3. */
    private static FloatVector rowOfAtM(float[] m, int at, int step, int a) {
        FloatVector m1 = FloatVector.fromArray(S, m, at + 4 * step);
        FloatVector m2 = FloatVector.fromArray(S, m, at + 8 * step);
        if (a == 0) {
            return FloatVector.fromArray(S, m, at).add(m1).add(m2);
        }
        return m1.sub(m2).sub(FloatVector.fromArray(S, m, at + 12 * step));
    }

    /**
     * Writes the chunk's 2×2 output tiles of one channel to their places: per group of V tiles, the even and
     * odd output columns are interleaved into two vectors per output row; groups that reach past the right
     * edge go tile by tile, dropping positions past h or w.
     */
    private static void scatter(float[] y, Layout l, int first, int count, float[] out, int co) {
        int plane = co * l.h() * l.w();
        for (int pos = 0; pos < count; pos += V) {
            int t = first + pos;
            int oy = 2 * (t / l.tilesX());
            int ox = 2 * (t % l.tilesX());
            int at = plane + oy * l.w() + ox;
            boolean lower = oy + 1 < l.h();
            if (ox + 2 * V <= l.w()) {
                interleave(y, pos, CHUNK + pos, out, at);
                if (lower) {
                    interleave(y, 2 * CHUNK + pos, 3 * CHUNK + pos, out, at + l.w());
                }
                continue;
            }
            for (int k = 0; k < V && ox + 2 * k < l.w(); k++) {
                boolean right = ox + 2 * k + 1 < l.w();
                out[at + 2 * k] = y[pos + k];
                if (right) {
                    out[at + 2 * k + 1] = y[CHUNK + pos + k];
                }
                if (lower) {
                    out[at + l.w() + 2 * k] = y[2 * CHUNK + pos + k];
                    if (right) {
                        out[at + l.w() + 2 * k + 1] = y[3 * CHUNK + pos + k];
                    }
                }
            }
        }
    }

    /** out[at + 2k] = y[even + k], out[at + 2k + 1] = y[odd + k] for k < V. */
    private static void interleave(float[] y, int even, int odd, float[] out, int at) {
        FloatVector a = FloatVector.fromArray(S, y, even);
        FloatVector b = FloatVector.fromArray(S, y, odd);
        a.rearrange(ZIP_LOW, b).intoArray(out, at);
        a.rearrange(ZIP_HIGH, b).intoArray(out, at + V);
    }
}
