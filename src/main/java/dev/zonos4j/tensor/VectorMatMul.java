package dev.zonos4j.tensor;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * y = x W^T for a small batch of rows, Vector API. Work is split over tiles of 4 output features; a tile
 * runs 4 activation rows at a time (16 accumulators; then 2 or 1 for the rest, a guided segment being 2
 * rows), so each weight is loaded once per 4 rows and, within a block of rows whose activations fit in L2,
 * once from memory for all rows.
 *
 * <p>bf16: one int-vector load holds 2L weights; shifting each int left by 16 gives the even-indexed
 * weights as floats, masking the low half gives the odd ones. The activations are split the same way once
 * per call ({@link #split}), so no per-weight shuffle is needed.
 *
 * <p>Batch invariance: every (row, output) pair is accumulated by the same sequence of fma operations into
 * one lane accumulator, summed by a fixed tree ({@link VectorMath#treeSum}), then the tail in order, in all
 * micro-kernels (4x4, 4x2, 4x1, 1x1). So a row's result does not depend on how many rows are in the batch or which tile it landed in.
 */
final class VectorMatMul {
    private static final VectorSpecies<Float> F = VectorMath.F;
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());
    private static final int L = VectorMath.L;
    private static final int PAIR = 2 * L;
    private static final int TILE = 4;
    private static final int HIGH_HALF = 0xFFFF0000;
    private static final long X_BLOCK_BYTES = 512 << 10;
    private static final long MIN_TASK_WEIGHTS = 1 << 16;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final VectorShuffle<Float> EVENS = VectorShuffle.makeUnzip(F, 0);
    private static final VectorShuffle<Float> ODDS = VectorShuffle.makeUnzip(F, 1);

    private final ThreadLocal<float[]> splitScratch = ThreadLocal.withInitial(() -> new float[0]);
    /** Per-thread spill room for 16 accumulators: sums are taken from an array so no vector escapes a kernel. */
    private static final ThreadLocal<float[]> LANES = ThreadLocal.withInitial(() -> new float[16 * L]);

    void matmul(WeightMatrix w, float[] x, int rows, float[] y) {
        int in = w.cols();
        int out = w.rows();
        if (x.length < (long) rows * in || y.length < (long) rows * out) {
            throw new IllegalArgumentException("matmul [" + out + ", " + in + "] x " + rows + " rows: x has "
                    + x.length + " floats, y has " + y.length);
        }
        int rowBlock = rowBlock(in, rows);
        int tiles = (out + TILE - 1) / TILE;
        int grain = (int) Math.max(1, MIN_TASK_WEIGHTS / ((long) TILE * in));
        MemorySegment seg = w.segment();
        if (w.storage() == WeightMatrix.Storage.BF16) {
            float[] xs = split(x, rows, in);
            Parallel.forRange(tiles, grain, (from, to) -> bf16Range(seg, in, out, xs, rows, rowBlock, y, from, to));
        } else {
            Parallel.forRange(tiles, grain, (from, to) -> f32Range(seg, in, out, x, rows, rowBlock, y, from, to));
        }
    }

    /** Rows whose activations fit the L2 budget together, a multiple of 4 (at least 4). */
    private static int rowBlock(int in, int rows) {
        long fit = X_BLOCK_BYTES / (4L * in);
        return (int) Math.max(TILE, Math.min(rows, fit) / TILE * TILE);
    }

    /** Each full 2L chunk of each row becomes [even-indexed | odd-indexed] values; the tail stays in place. */
    private float[] split(float[] x, int rows, int in) {
        float[] xs = splitScratch.get();
        if (xs.length < rows * in) {
            xs = new float[rows * in];
            splitScratch.set(xs);
        }
        int bound = in - in % PAIR;
        for (int r = 0; r < rows; r++) {
            int base = r * in;
            for (int i = 0; i < bound; i += PAIR) {
                FloatVector a = FloatVector.fromArray(F, x, base + i);
                FloatVector b = FloatVector.fromArray(F, x, base + i + L);
                a.rearrange(EVENS, b).intoArray(xs, base + i);
                a.rearrange(ODDS, b).intoArray(xs, base + i + L);
            }
            System.arraycopy(x, base + bound, xs, base + bound, in - bound);
        }
        return xs;
    }

    private static void bf16Range(MemorySegment w, int in, int out, float[] x, int rows, int rowBlock, float[] y,
            int fromTile, int toTile) {
        float[] lanes = LANES.get();
        for (int r0 = 0; r0 < rows; r0 += rowBlock) {
            int r1 = Math.min(rows, r0 + rowBlock);
            for (int t = fromTile; t < toTile; t++) {
                int o = t * TILE;
                if (o + TILE <= out) {
                    int r = r0;
                    for (; r + 4 <= r1; r += 4) {
                        bf16Tile4x4(w, in, out, o, x, r, y, lanes);
                    }
                    for (; r + 2 <= r1; r += 2) {
                        bf16Tile4x2(w, in, out, o, x, r, y, lanes);
                    }
                    if (r < r1) {
                        bf16Tile4x1(w, in, out, o, x, r, y, lanes);
                    }
                } else {
                    for (int oo = o; oo < out; oo++) {
                        for (int r = r0; r < r1; r++) {
                            bf16Tile1x1(w, in, out, oo, x, r, y, lanes);
                        }
                    }
                }
            }
        }
    }

    private static void f32Range(MemorySegment w, int in, int out, float[] x, int rows, int rowBlock, float[] y,
            int fromTile, int toTile) {
        float[] lanes = LANES.get();
        for (int r0 = 0; r0 < rows; r0 += rowBlock) {
            int r1 = Math.min(rows, r0 + rowBlock);
            for (int t = fromTile; t < toTile; t++) {
                int o = t * TILE;
                if (o + TILE <= out) {
                    int r = r0;
                    for (; r + 4 <= r1; r += 4) {
                        f32Tile4x4(w, in, out, o, x, r, y, lanes);
                    }
                    for (; r + 2 <= r1; r += 2) {
                        f32Tile4x2(w, in, out, o, x, r, y, lanes);
                    }
                    if (r < r1) {
                        f32Tile4x1(w, in, out, o, x, r, y, lanes);
                    }
                } else {
                    for (int oo = o; oo < out; oo++) {
                        for (int r = r0; r < r1; r++) {
                            f32Tile1x1(w, in, out, oo, x, r, y, lanes);
                        }
                    }
                }
            }
        }
    }

    /** Adds the weights past the last full chunk (stored in natural order) to the tree-summed lanes. */
    private static float bf16Tail(MemorySegment w, long rowByte, float[] x, int xRow, int bound, int in, float s) {
        for (int i = bound; i < in; i++) {
            s += WeightMatrix.bf16ToFloat(w.get(WeightMatrix.BF16_LAYOUT, rowByte + 2L * i)) * x[xRow + i];
        }
        return s;
    }

    private static float f32Tail(MemorySegment w, long rowByte, float[] x, int xRow, int bound, int in, float s) {
        for (int i = bound; i < in; i++) {
            s += w.get(WeightMatrix.F32_LAYOUT, rowByte + 4L * i) * x[xRow + i];
        }
        return s;
    }

    // Micro-kernels: a<row><output> accumulators, identical per-pair operation order in every variant.

    private static void bf16Tile4x4(MemorySegment w, int in, int out, int o, float[] x, int r, float[] y, float[] lanes) {
        long rowBytes = 2L * in;
        long w0 = o * rowBytes;
        long w1 = w0 + rowBytes;
        long w2 = w1 + rowBytes;
        long w3 = w2 + rowBytes;
        int x0 = r * in;
        int x1 = x0 + in;
        int x2 = x1 + in;
        int x3 = x2 + in;
        FloatVector a00 = FloatVector.zero(F);
        FloatVector a01 = FloatVector.zero(F);
        FloatVector a02 = FloatVector.zero(F);
        FloatVector a03 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F);
        FloatVector a11 = FloatVector.zero(F);
        FloatVector a12 = FloatVector.zero(F);
        FloatVector a13 = FloatVector.zero(F);
        FloatVector a20 = FloatVector.zero(F);
        FloatVector a21 = FloatVector.zero(F);
        FloatVector a22 = FloatVector.zero(F);
        FloatVector a23 = FloatVector.zero(F);
        FloatVector a30 = FloatVector.zero(F);
        FloatVector a31 = FloatVector.zero(F);
        FloatVector a32 = FloatVector.zero(F);
        FloatVector a33 = FloatVector.zero(F);
        int bound = in - in % PAIR;
        for (int i = 0; i < bound; i += PAIR) {
            long b = 2L * i;
            IntVector p0 = IntVector.fromMemorySegment(I, w, w0 + b, LE);
            FloatVector e0 = p0.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
            FloatVector d0 = p0.and(HIGH_HALF).reinterpretAsFloats();
            IntVector p1 = IntVector.fromMemorySegment(I, w, w1 + b, LE);
            FloatVector e1 = p1.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
            FloatVector d1 = p1.and(HIGH_HALF).reinterpretAsFloats();
            IntVector p2 = IntVector.fromMemorySegment(I, w, w2 + b, LE);
            FloatVector e2 = p2.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
            FloatVector d2 = p2.and(HIGH_HALF).reinterpretAsFloats();
            IntVector p3 = IntVector.fromMemorySegment(I, w, w3 + b, LE);
            FloatVector e3 = p3.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
            FloatVector d3 = p3.and(HIGH_HALF).reinterpretAsFloats();
            FloatVector xe0 = FloatVector.fromArray(F, x, x0 + i);
            FloatVector xo0 = FloatVector.fromArray(F, x, x0 + i + L);
            a00 = d0.fma(xo0, e0.fma(xe0, a00));
            a01 = d1.fma(xo0, e1.fma(xe0, a01));
            a02 = d2.fma(xo0, e2.fma(xe0, a02));
            a03 = d3.fma(xo0, e3.fma(xe0, a03));
            FloatVector xe1 = FloatVector.fromArray(F, x, x1 + i);
            FloatVector xo1 = FloatVector.fromArray(F, x, x1 + i + L);
            a10 = d0.fma(xo1, e0.fma(xe1, a10));
            a11 = d1.fma(xo1, e1.fma(xe1, a11));
            a12 = d2.fma(xo1, e2.fma(xe1, a12));
            a13 = d3.fma(xo1, e3.fma(xe1, a13));
            FloatVector xe2 = FloatVector.fromArray(F, x, x2 + i);
            FloatVector xo2 = FloatVector.fromArray(F, x, x2 + i + L);
            a20 = d0.fma(xo2, e0.fma(xe2, a20));
            a21 = d1.fma(xo2, e1.fma(xe2, a21));
            a22 = d2.fma(xo2, e2.fma(xe2, a22));
            a23 = d3.fma(xo2, e3.fma(xe2, a23));
            FloatVector xe3 = FloatVector.fromArray(F, x, x3 + i);
            FloatVector xo3 = FloatVector.fromArray(F, x, x3 + i + L);
            a30 = d0.fma(xo3, e0.fma(xe3, a30));
            a31 = d1.fma(xo3, e1.fma(xe3, a31));
            a32 = d2.fma(xo3, e2.fma(xe3, a32));
            a33 = d3.fma(xo3, e3.fma(xe3, a33));
        }
        a00.intoArray(lanes, 0);
        a01.intoArray(lanes, 1 * L);
        a02.intoArray(lanes, 2 * L);
        a03.intoArray(lanes, 3 * L);
        a10.intoArray(lanes, 4 * L);
        a11.intoArray(lanes, 5 * L);
        a12.intoArray(lanes, 6 * L);
        a13.intoArray(lanes, 7 * L);
        a20.intoArray(lanes, 8 * L);
        a21.intoArray(lanes, 9 * L);
        a22.intoArray(lanes, 10 * L);
        a23.intoArray(lanes, 11 * L);
        a30.intoArray(lanes, 12 * L);
        a31.intoArray(lanes, 13 * L);
        a32.intoArray(lanes, 14 * L);
        a33.intoArray(lanes, 15 * L);
        y[r * out + o] = bf16Tail(w, w0, x, x0, bound, in, VectorMath.treeSum(lanes, 0));
        y[r * out + o + 1] = bf16Tail(w, w1, x, x0, bound, in, VectorMath.treeSum(lanes, 1 * L));
        y[r * out + o + 2] = bf16Tail(w, w2, x, x0, bound, in, VectorMath.treeSum(lanes, 2 * L));
        y[r * out + o + 3] = bf16Tail(w, w3, x, x0, bound, in, VectorMath.treeSum(lanes, 3 * L));
        y[(r + 1) * out + o] = bf16Tail(w, w0, x, x1, bound, in, VectorMath.treeSum(lanes, 4 * L));
        y[(r + 1) * out + o + 1] = bf16Tail(w, w1, x, x1, bound, in, VectorMath.treeSum(lanes, 5 * L));
        y[(r + 1) * out + o + 2] = bf16Tail(w, w2, x, x1, bound, in, VectorMath.treeSum(lanes, 6 * L));
        y[(r + 1) * out + o + 3] = bf16Tail(w, w3, x, x1, bound, in, VectorMath.treeSum(lanes, 7 * L));
        y[(r + 2) * out + o] = bf16Tail(w, w0, x, x2, bound, in, VectorMath.treeSum(lanes, 8 * L));
        y[(r + 2) * out + o + 1] = bf16Tail(w, w1, x, x2, bound, in, VectorMath.treeSum(lanes, 9 * L));
        y[(r + 2) * out + o + 2] = bf16Tail(w, w2, x, x2, bound, in, VectorMath.treeSum(lanes, 10 * L));
        y[(r + 2) * out + o + 3] = bf16Tail(w, w3, x, x2, bound, in, VectorMath.treeSum(lanes, 11 * L));
        y[(r + 3) * out + o] = bf16Tail(w, w0, x, x3, bound, in, VectorMath.treeSum(lanes, 12 * L));
        y[(r + 3) * out + o + 1] = bf16Tail(w, w1, x, x3, bound, in, VectorMath.treeSum(lanes, 13 * L));
        y[(r + 3) * out + o + 2] = bf16Tail(w, w2, x, x3, bound, in, VectorMath.treeSum(lanes, 14 * L));
        y[(r + 3) * out + o + 3] = bf16Tail(w, w3, x, x3, bound, in, VectorMath.treeSum(lanes, 15 * L));
    }

    private static void bf16Tile4x2(MemorySegment w, int in, int out, int o, float[] x, int r, float[] y, float[] lanes) {
        long rowBytes = 2L * in;
        long w0 = o * rowBytes;
        long w1 = w0 + rowBytes;
        long w2 = w1 + rowBytes;
        long w3 = w2 + rowBytes;
        int x0 = r * in;
        int x1 = x0 + in;
        FloatVector a00 = FloatVector.zero(F);
        FloatVector a01 = FloatVector.zero(F);
        FloatVector a02 = FloatVector.zero(F);
        FloatVector a03 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F);
        FloatVector a11 = FloatVector.zero(F);
        FloatVector a12 = FloatVector.zero(F);
        FloatVector a13 = FloatVector.zero(F);
        int bound = in - in % PAIR;
        for (int i = 0; i < bound; i += PAIR) {
            long b = 2L * i;
            IntVector p0 = IntVector.fromMemorySegment(I, w, w0 + b, LE);
            FloatVector e0 = p0.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
            FloatVector d0 = p0.and(HIGH_HALF).reinterpretAsFloats();
            IntVector p1 = IntVector.fromMemorySegment(I, w, w1 + b, LE);
            FloatVector e1 = p1.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
            FloatVector d1 = p1.and(HIGH_HALF).reinterpretAsFloats();
            IntVector p2 = IntVector.fromMemorySegment(I, w, w2 + b, LE);
            FloatVector e2 = p2.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
            FloatVector d2 = p2.and(HIGH_HALF).reinterpretAsFloats();
            IntVector p3 = IntVector.fromMemorySegment(I, w, w3 + b, LE);
            FloatVector e3 = p3.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
            FloatVector d3 = p3.and(HIGH_HALF).reinterpretAsFloats();
            FloatVector xe0 = FloatVector.fromArray(F, x, x0 + i);
            FloatVector xo0 = FloatVector.fromArray(F, x, x0 + i + L);
            a00 = d0.fma(xo0, e0.fma(xe0, a00));
            a01 = d1.fma(xo0, e1.fma(xe0, a01));
            a02 = d2.fma(xo0, e2.fma(xe0, a02));
            a03 = d3.fma(xo0, e3.fma(xe0, a03));
            FloatVector xe1 = FloatVector.fromArray(F, x, x1 + i);
            FloatVector xo1 = FloatVector.fromArray(F, x, x1 + i + L);
            a10 = d0.fma(xo1, e0.fma(xe1, a10));
            a11 = d1.fma(xo1, e1.fma(xe1, a11));
            a12 = d2.fma(xo1, e2.fma(xe1, a12));
            a13 = d3.fma(xo1, e3.fma(xe1, a13));
        }
        a00.intoArray(lanes, 0);
        a01.intoArray(lanes, 1 * L);
        a02.intoArray(lanes, 2 * L);
        a03.intoArray(lanes, 3 * L);
        a10.intoArray(lanes, 4 * L);
        a11.intoArray(lanes, 5 * L);
        a12.intoArray(lanes, 6 * L);
        a13.intoArray(lanes, 7 * L);
        y[r * out + o] = bf16Tail(w, w0, x, x0, bound, in, VectorMath.treeSum(lanes, 0));
        y[r * out + o + 1] = bf16Tail(w, w1, x, x0, bound, in, VectorMath.treeSum(lanes, 1 * L));
        y[r * out + o + 2] = bf16Tail(w, w2, x, x0, bound, in, VectorMath.treeSum(lanes, 2 * L));
        y[r * out + o + 3] = bf16Tail(w, w3, x, x0, bound, in, VectorMath.treeSum(lanes, 3 * L));
        y[(r + 1) * out + o] = bf16Tail(w, w0, x, x1, bound, in, VectorMath.treeSum(lanes, 4 * L));
        y[(r + 1) * out + o + 1] = bf16Tail(w, w1, x, x1, bound, in, VectorMath.treeSum(lanes, 5 * L));
        y[(r + 1) * out + o + 2] = bf16Tail(w, w2, x, x1, bound, in, VectorMath.treeSum(lanes, 6 * L));
        y[(r + 1) * out + o + 3] = bf16Tail(w, w3, x, x1, bound, in, VectorMath.treeSum(lanes, 7 * L));
    }

    private static void bf16Tile4x1(MemorySegment w, int in, int out, int o, float[] x, int r, float[] y, float[] lanes) {
        long rowBytes = 2L * in;
        long w0 = o * rowBytes;
        long w1 = w0 + rowBytes;
        long w2 = w1 + rowBytes;
        long w3 = w2 + rowBytes;
        int x0 = r * in;
        FloatVector a00 = FloatVector.zero(F);
        FloatVector a01 = FloatVector.zero(F);
        FloatVector a02 = FloatVector.zero(F);
        FloatVector a03 = FloatVector.zero(F);
        int bound = in - in % PAIR;
        for (int i = 0; i < bound; i += PAIR) {
            long b = 2L * i;
            IntVector p0 = IntVector.fromMemorySegment(I, w, w0 + b, LE);
            FloatVector e0 = p0.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
            FloatVector d0 = p0.and(HIGH_HALF).reinterpretAsFloats();
            IntVector p1 = IntVector.fromMemorySegment(I, w, w1 + b, LE);
            FloatVector e1 = p1.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
            FloatVector d1 = p1.and(HIGH_HALF).reinterpretAsFloats();
            IntVector p2 = IntVector.fromMemorySegment(I, w, w2 + b, LE);
            FloatVector e2 = p2.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
            FloatVector d2 = p2.and(HIGH_HALF).reinterpretAsFloats();
            IntVector p3 = IntVector.fromMemorySegment(I, w, w3 + b, LE);
            FloatVector e3 = p3.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
            FloatVector d3 = p3.and(HIGH_HALF).reinterpretAsFloats();
            FloatVector xe0 = FloatVector.fromArray(F, x, x0 + i);
            FloatVector xo0 = FloatVector.fromArray(F, x, x0 + i + L);
            a00 = d0.fma(xo0, e0.fma(xe0, a00));
            a01 = d1.fma(xo0, e1.fma(xe0, a01));
            a02 = d2.fma(xo0, e2.fma(xe0, a02));
            a03 = d3.fma(xo0, e3.fma(xe0, a03));
        }
        a00.intoArray(lanes, 0);
        a01.intoArray(lanes, 1 * L);
        a02.intoArray(lanes, 2 * L);
        a03.intoArray(lanes, 3 * L);
        y[r * out + o] = bf16Tail(w, w0, x, x0, bound, in, VectorMath.treeSum(lanes, 0));
        y[r * out + o + 1] = bf16Tail(w, w1, x, x0, bound, in, VectorMath.treeSum(lanes, 1 * L));
        y[r * out + o + 2] = bf16Tail(w, w2, x, x0, bound, in, VectorMath.treeSum(lanes, 2 * L));
        y[r * out + o + 3] = bf16Tail(w, w3, x, x0, bound, in, VectorMath.treeSum(lanes, 3 * L));
    }

    private static void bf16Tile1x1(MemorySegment w, int in, int out, int o, float[] x, int r, float[] y, float[] lanes) {
        long rowBytes = 2L * in;
        long w0 = o * rowBytes;
        int x0 = r * in;
        FloatVector a00 = FloatVector.zero(F);
        int bound = in - in % PAIR;
        for (int i = 0; i < bound; i += PAIR) {
            long b = 2L * i;
            IntVector p0 = IntVector.fromMemorySegment(I, w, w0 + b, LE);
            FloatVector e0 = p0.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
            FloatVector d0 = p0.and(HIGH_HALF).reinterpretAsFloats();
            FloatVector xe0 = FloatVector.fromArray(F, x, x0 + i);
            FloatVector xo0 = FloatVector.fromArray(F, x, x0 + i + L);
            a00 = d0.fma(xo0, e0.fma(xe0, a00));
        }
        a00.intoArray(lanes, 0);
        y[r * out + o] = bf16Tail(w, w0, x, x0, bound, in, VectorMath.treeSum(lanes, 0));
    }

    private static void f32Tile4x4(MemorySegment w, int in, int out, int o, float[] x, int r, float[] y, float[] lanes) {
        long rowBytes = 4L * in;
        long w0 = o * rowBytes;
        long w1 = w0 + rowBytes;
        long w2 = w1 + rowBytes;
        long w3 = w2 + rowBytes;
        int x0 = r * in;
        int x1 = x0 + in;
        int x2 = x1 + in;
        int x3 = x2 + in;
        FloatVector a00 = FloatVector.zero(F);
        FloatVector a01 = FloatVector.zero(F);
        FloatVector a02 = FloatVector.zero(F);
        FloatVector a03 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F);
        FloatVector a11 = FloatVector.zero(F);
        FloatVector a12 = FloatVector.zero(F);
        FloatVector a13 = FloatVector.zero(F);
        FloatVector a20 = FloatVector.zero(F);
        FloatVector a21 = FloatVector.zero(F);
        FloatVector a22 = FloatVector.zero(F);
        FloatVector a23 = FloatVector.zero(F);
        FloatVector a30 = FloatVector.zero(F);
        FloatVector a31 = FloatVector.zero(F);
        FloatVector a32 = FloatVector.zero(F);
        FloatVector a33 = FloatVector.zero(F);
        int bound = in - in % L;
        for (int i = 0; i < bound; i += L) {
            long b = 4L * i;
            FloatVector v0 = FloatVector.fromMemorySegment(F, w, w0 + b, LE);
            FloatVector v1 = FloatVector.fromMemorySegment(F, w, w1 + b, LE);
            FloatVector v2 = FloatVector.fromMemorySegment(F, w, w2 + b, LE);
            FloatVector v3 = FloatVector.fromMemorySegment(F, w, w3 + b, LE);
            FloatVector x0v = FloatVector.fromArray(F, x, x0 + i);
            a00 = v0.fma(x0v, a00);
            a01 = v1.fma(x0v, a01);
            a02 = v2.fma(x0v, a02);
            a03 = v3.fma(x0v, a03);
            FloatVector x1v = FloatVector.fromArray(F, x, x1 + i);
            a10 = v0.fma(x1v, a10);
            a11 = v1.fma(x1v, a11);
            a12 = v2.fma(x1v, a12);
            a13 = v3.fma(x1v, a13);
            FloatVector x2v = FloatVector.fromArray(F, x, x2 + i);
            a20 = v0.fma(x2v, a20);
            a21 = v1.fma(x2v, a21);
            a22 = v2.fma(x2v, a22);
            a23 = v3.fma(x2v, a23);
            FloatVector x3v = FloatVector.fromArray(F, x, x3 + i);
            a30 = v0.fma(x3v, a30);
            a31 = v1.fma(x3v, a31);
            a32 = v2.fma(x3v, a32);
            a33 = v3.fma(x3v, a33);
        }
        a00.intoArray(lanes, 0);
        a01.intoArray(lanes, 1 * L);
        a02.intoArray(lanes, 2 * L);
        a03.intoArray(lanes, 3 * L);
        a10.intoArray(lanes, 4 * L);
        a11.intoArray(lanes, 5 * L);
        a12.intoArray(lanes, 6 * L);
        a13.intoArray(lanes, 7 * L);
        a20.intoArray(lanes, 8 * L);
        a21.intoArray(lanes, 9 * L);
        a22.intoArray(lanes, 10 * L);
        a23.intoArray(lanes, 11 * L);
        a30.intoArray(lanes, 12 * L);
        a31.intoArray(lanes, 13 * L);
        a32.intoArray(lanes, 14 * L);
        a33.intoArray(lanes, 15 * L);
        y[r * out + o] = f32Tail(w, w0, x, x0, bound, in, VectorMath.treeSum(lanes, 0));
        y[r * out + o + 1] = f32Tail(w, w1, x, x0, bound, in, VectorMath.treeSum(lanes, 1 * L));
        y[r * out + o + 2] = f32Tail(w, w2, x, x0, bound, in, VectorMath.treeSum(lanes, 2 * L));
        y[r * out + o + 3] = f32Tail(w, w3, x, x0, bound, in, VectorMath.treeSum(lanes, 3 * L));
        y[(r + 1) * out + o] = f32Tail(w, w0, x, x1, bound, in, VectorMath.treeSum(lanes, 4 * L));
        y[(r + 1) * out + o + 1] = f32Tail(w, w1, x, x1, bound, in, VectorMath.treeSum(lanes, 5 * L));
        y[(r + 1) * out + o + 2] = f32Tail(w, w2, x, x1, bound, in, VectorMath.treeSum(lanes, 6 * L));
        y[(r + 1) * out + o + 3] = f32Tail(w, w3, x, x1, bound, in, VectorMath.treeSum(lanes, 7 * L));
        y[(r + 2) * out + o] = f32Tail(w, w0, x, x2, bound, in, VectorMath.treeSum(lanes, 8 * L));
        y[(r + 2) * out + o + 1] = f32Tail(w, w1, x, x2, bound, in, VectorMath.treeSum(lanes, 9 * L));
        y[(r + 2) * out + o + 2] = f32Tail(w, w2, x, x2, bound, in, VectorMath.treeSum(lanes, 10 * L));
        y[(r + 2) * out + o + 3] = f32Tail(w, w3, x, x2, bound, in, VectorMath.treeSum(lanes, 11 * L));
        y[(r + 3) * out + o] = f32Tail(w, w0, x, x3, bound, in, VectorMath.treeSum(lanes, 12 * L));
        y[(r + 3) * out + o + 1] = f32Tail(w, w1, x, x3, bound, in, VectorMath.treeSum(lanes, 13 * L));
        y[(r + 3) * out + o + 2] = f32Tail(w, w2, x, x3, bound, in, VectorMath.treeSum(lanes, 14 * L));
        y[(r + 3) * out + o + 3] = f32Tail(w, w3, x, x3, bound, in, VectorMath.treeSum(lanes, 15 * L));
    }

    private static void f32Tile4x2(MemorySegment w, int in, int out, int o, float[] x, int r, float[] y, float[] lanes) {
        long rowBytes = 4L * in;
        long w0 = o * rowBytes;
        long w1 = w0 + rowBytes;
        long w2 = w1 + rowBytes;
        long w3 = w2 + rowBytes;
        int x0 = r * in;
        int x1 = x0 + in;
        FloatVector a00 = FloatVector.zero(F);
        FloatVector a01 = FloatVector.zero(F);
        FloatVector a02 = FloatVector.zero(F);
        FloatVector a03 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F);
        FloatVector a11 = FloatVector.zero(F);
        FloatVector a12 = FloatVector.zero(F);
        FloatVector a13 = FloatVector.zero(F);
        int bound = in - in % L;
        for (int i = 0; i < bound; i += L) {
            long b = 4L * i;
            FloatVector v0 = FloatVector.fromMemorySegment(F, w, w0 + b, LE);
            FloatVector v1 = FloatVector.fromMemorySegment(F, w, w1 + b, LE);
            FloatVector v2 = FloatVector.fromMemorySegment(F, w, w2 + b, LE);
            FloatVector v3 = FloatVector.fromMemorySegment(F, w, w3 + b, LE);
            FloatVector x0v = FloatVector.fromArray(F, x, x0 + i);
            a00 = v0.fma(x0v, a00);
            a01 = v1.fma(x0v, a01);
            a02 = v2.fma(x0v, a02);
            a03 = v3.fma(x0v, a03);
            FloatVector x1v = FloatVector.fromArray(F, x, x1 + i);
            a10 = v0.fma(x1v, a10);
            a11 = v1.fma(x1v, a11);
            a12 = v2.fma(x1v, a12);
            a13 = v3.fma(x1v, a13);
        }
        a00.intoArray(lanes, 0);
        a01.intoArray(lanes, 1 * L);
        a02.intoArray(lanes, 2 * L);
        a03.intoArray(lanes, 3 * L);
        a10.intoArray(lanes, 4 * L);
        a11.intoArray(lanes, 5 * L);
        a12.intoArray(lanes, 6 * L);
        a13.intoArray(lanes, 7 * L);
        y[r * out + o] = f32Tail(w, w0, x, x0, bound, in, VectorMath.treeSum(lanes, 0));
        y[r * out + o + 1] = f32Tail(w, w1, x, x0, bound, in, VectorMath.treeSum(lanes, 1 * L));
        y[r * out + o + 2] = f32Tail(w, w2, x, x0, bound, in, VectorMath.treeSum(lanes, 2 * L));
        y[r * out + o + 3] = f32Tail(w, w3, x, x0, bound, in, VectorMath.treeSum(lanes, 3 * L));
        y[(r + 1) * out + o] = f32Tail(w, w0, x, x1, bound, in, VectorMath.treeSum(lanes, 4 * L));
        y[(r + 1) * out + o + 1] = f32Tail(w, w1, x, x1, bound, in, VectorMath.treeSum(lanes, 5 * L));
        y[(r + 1) * out + o + 2] = f32Tail(w, w2, x, x1, bound, in, VectorMath.treeSum(lanes, 6 * L));
        y[(r + 1) * out + o + 3] = f32Tail(w, w3, x, x1, bound, in, VectorMath.treeSum(lanes, 7 * L));
    }

    private static void f32Tile4x1(MemorySegment w, int in, int out, int o, float[] x, int r, float[] y, float[] lanes) {
        long rowBytes = 4L * in;
        long w0 = o * rowBytes;
        long w1 = w0 + rowBytes;
        long w2 = w1 + rowBytes;
        long w3 = w2 + rowBytes;
        int x0 = r * in;
        FloatVector a00 = FloatVector.zero(F);
        FloatVector a01 = FloatVector.zero(F);
        FloatVector a02 = FloatVector.zero(F);
        FloatVector a03 = FloatVector.zero(F);
        int bound = in - in % L;
        for (int i = 0; i < bound; i += L) {
            long b = 4L * i;
            FloatVector v0 = FloatVector.fromMemorySegment(F, w, w0 + b, LE);
            FloatVector v1 = FloatVector.fromMemorySegment(F, w, w1 + b, LE);
            FloatVector v2 = FloatVector.fromMemorySegment(F, w, w2 + b, LE);
            FloatVector v3 = FloatVector.fromMemorySegment(F, w, w3 + b, LE);
            FloatVector x0v = FloatVector.fromArray(F, x, x0 + i);
            a00 = v0.fma(x0v, a00);
            a01 = v1.fma(x0v, a01);
            a02 = v2.fma(x0v, a02);
            a03 = v3.fma(x0v, a03);
        }
        a00.intoArray(lanes, 0);
        a01.intoArray(lanes, 1 * L);
        a02.intoArray(lanes, 2 * L);
        a03.intoArray(lanes, 3 * L);
        y[r * out + o] = f32Tail(w, w0, x, x0, bound, in, VectorMath.treeSum(lanes, 0));
        y[r * out + o + 1] = f32Tail(w, w1, x, x0, bound, in, VectorMath.treeSum(lanes, 1 * L));
        y[r * out + o + 2] = f32Tail(w, w2, x, x0, bound, in, VectorMath.treeSum(lanes, 2 * L));
        y[r * out + o + 3] = f32Tail(w, w3, x, x0, bound, in, VectorMath.treeSum(lanes, 3 * L));
    }

    private static void f32Tile1x1(MemorySegment w, int in, int out, int o, float[] x, int r, float[] y, float[] lanes) {
        long rowBytes = 4L * in;
        long w0 = o * rowBytes;
        int x0 = r * in;
        FloatVector a00 = FloatVector.zero(F);
        int bound = in - in % L;
        for (int i = 0; i < bound; i += L) {
            long b = 4L * i;
            FloatVector v0 = FloatVector.fromMemorySegment(F, w, w0 + b, LE);
            FloatVector x0v = FloatVector.fromArray(F, x, x0 + i);
            a00 = v0.fma(x0v, a00);
        }
        a00.intoArray(lanes, 0);
        y[r * out + o] = f32Tail(w, w0, x, x0, bound, in, VectorMath.treeSum(lanes, 0));
    }
}
