package dev.zonos4j.tensor;

import jdk.incubator.vector.FloatVector;
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

    private static int phaseWidth(int w) {
        return (w + 1) / 2 + 1;
    }

    @Override
    public void forward(float[] in, int h, int w, float[] out, boolean relu, float[] scratch) {
        if (h < 1 || w < 1 || in.length < cin * h * w || out.length < cout * h * w || scratch.length < scratchSize(h, w)) {
            throw new IllegalArgumentException("3x3 convolution buffers too small for input " + cin + "x" + h + "x" + w);
        }
        int tilesX = (w + 1) / 2;
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
     * Geometry of one call: output size, tiles per row, phase width, floats per padded channel, and where the
     * padded input starts in the scratch.
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
        storeRow(a0, a1, a2, u, at, plane);
        storeRow(s0.add(b0), s1.add(b1), s2.add(b2), u, at + 4 * plane, plane);
        storeRow(s0.sub(b0), s1.sub(b1), s2.sub(b2), u, at + 8 * plane, plane);
        storeRow(c0, c1, c2, u, at + 12 * plane, plane);
    }

    /** One row (t0, t1, t2) of G g times Gᵀ: points t0, (t0 + t2)/2 + t1/2, (t0 + t2)/2 − t1/2, t2. */
    private static void storeRow(FloatVector t0, FloatVector t1, FloatVector t2, float[] u, int at, int plane) {
        FloatVector half = t0.add(t2).mul(0.5f);
        FloatVector mid = t1.mul(0.5f);
        t0.intoArray(u, at);
        half.add(mid).intoArray(u, at + plane);
        half.sub(mid).intoArray(u, at + 2 * plane);
        t2.intoArray(u, at + 3 * plane);
    }

    /** Padded column c (input column c − 1) goes to phase c mod 2, position c / 2. */
    private void pack(float[] in, int h, int w, Layout l, int ci, float[] scratch) {
        int hp = l.channel() / l.row();
        int wq = l.wq();
        for (int r = 0; r < hp; r++) {
            int even = l.inputAt() + ci * l.channel() + r * l.row();
            int odd = even + wq;
            int src = (ci * h + r - 1) * w;
            boolean inside = r >= 1 && r <= h;
            for (int u = 0; u < wq; u++) {
                int ce = 2 * u - 1;
                int co = 2 * u;
                scratch[even + u] = inside && ce >= 0 && ce < w ? in[src + ce] : 0f;
                scratch[odd + u] = inside && co < w ? in[src + co] : 0f;
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
        for (int pos = 0; pos < count; ) {
            int t = first + pos;
            int ty = t / l.tilesX();
            int tx = t % l.tilesX();
            int len = Math.min(count - pos, l.tilesX() - tx);
            for (int ci = 0; ci < cin; ci++) {
                int base = l.inputAt() + ci * l.channel() + 2 * ty * l.row() + tx;
                int dst = ci * CHUNK + pos;
                int k = 0;
                for (; k + V <= len; k += V) {
                    transformInputVector(p, base + k, l.row(), l.wq(), v, dst + k, plane);
                }
                for (; k < len; k++) {
                    transformInputScalar(p, base + k, l.row(), l.wq(), v, dst + k, plane);
                }
            }
            pos += len;
        }
    }

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

    /** One tile of {@link #transformInputVector}, the same operations in scalar form. */
    private static void transformInputScalar(float[] p, int at, int row, int wq, float[] v, int dst, int plane) {
        for (int i = 0; i < 4; i++) {
            float t0 = rowOfBtDScalar(p, at, row, i);
            float t1 = rowOfBtDScalar(p, at + wq, row, i);
            float t2 = rowOfBtDScalar(p, at + 1, row, i);
            float t3 = rowOfBtDScalar(p, at + wq + 1, row, i);
            v[dst + (4 * i) * plane] = t0 - t2;
            v[dst + (4 * i + 1) * plane] = t1 + t2;
            v[dst + (4 * i + 2) * plane] = t2 - t1;
            v[dst + (4 * i + 3) * plane] = t1 - t3;
        }
    }

    private static float rowOfBtDScalar(float[] p, int at, int row, int i) {
        return switch (i) {
            case 0 -> p[at] - p[at + 2 * row];
            case 1 -> p[at + row] + p[at + 2 * row];
            case 2 -> p[at + 2 * row] - p[at + row];
            default -> p[at + row] - p[at + 3 * row];
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

    /** Writes the chunk's 2×2 output tiles of one channel to their places, dropping positions past h or w. */
    private static void scatter(float[] y, Layout l, int first, int count, float[] out, int co) {
        int plane = co * l.h() * l.w();
        for (int pos = 0; pos < count; pos++) {
            int t = first + pos;
            int oy = 2 * (t / l.tilesX());
            int ox = 2 * (t % l.tilesX());
            int at = plane + oy * l.w() + ox;
            boolean right = ox + 1 < l.w();
            out[at] = y[pos];
            if (right) {
                out[at + 1] = y[CHUNK + pos];
            }
            if (oy + 1 < l.h()) {
                out[at + l.w()] = y[2 * CHUNK + pos];
                if (right) {
                    out[at + l.w() + 1] = y[3 * CHUNK + pos];
                }
            }
        }
    }
}
