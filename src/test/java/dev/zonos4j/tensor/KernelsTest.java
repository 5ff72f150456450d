package dev.zonos4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/** Vector kernels against the scalar reference, for every storage type, plus batch invariance of matmul. */
class KernelsTest {
    private final Kernels vec = Kernels.vector();
    private final Kernels ref = Kernels.scalar();

    private static float[] gaussian(SplittableRandom rnd, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (rnd.nextGaussian() * scale);
        }
        return a;
    }

    private static WeightMatrix matrix(WeightMatrix.Storage storage, int out, int in, float[] values) {
        return storage == WeightMatrix.Storage.BF16 ? WeightMatrix.bf16(out, in, values) : WeightMatrix.f32(out, in, values);
    }

    @Test
    void matmulMatchesReferenceForAllStoragesAndShapes() {
        SplittableRandom rnd = new SplittableRandom(1);
        int[][] shapes = {{13, 37}, {8, 64}, {33, 100}, {17, 128}, {5, 1}, {64, 520}, {9, 8200}};
        for (WeightMatrix.Storage storage : WeightMatrix.Storage.values()) {
            for (int[] shape : shapes) {
                int out = shape[0];
                int in = shape[1];
                WeightMatrix w = matrix(storage, out, in, gaussian(rnd, out * in, 1 / Math.sqrt(in)));
                for (int rows : new int[] {1, 2, 3, 4, 5, 8, 9, 17, 21}) {
                    float[] x = gaussian(rnd, rows * in, 1);
                    float[] expected = new float[rows * out];
                    float[] actual = new float[rows * out];
                    ref.matmul(w, x, rows, expected);
                    vec.matmul(w, x, rows, actual);
                    for (int r = 0; r < rows; r++) {
                        for (int o = 0; o < out; o++) {
                            double mag = 0;
                            for (int i = 0; i < in; i++) {
                                mag += Math.abs(w.get(o, i) * x[r * in + i]);
                            }
                            float e = expected[r * out + o];
                            float a = actual[r * out + o];
                            assertTrue(Math.abs(e - a) <= 1e-6 * mag + 1e-7,
                                    storage + " " + out + "x" + in + " rows " + rows + " [" + r + "," + o + "]: " + e + " vs " + a);
                        }
                    }
                }
            }
        }
    }

    @Test
    void matmulRowsAreBitIdenticalAloneAndInAnyBatch() {
        SplittableRandom rnd = new SplittableRandom(2);
        for (WeightMatrix.Storage storage : WeightMatrix.Storage.values()) {
            for (int[] shape : new int[][] {{70, 200}, {9, 8200}}) {
                int out = shape[0];
                int in = shape[1];
                WeightMatrix w = matrix(storage, out, in, gaussian(rnd, out * in, 0.1));
                float[] row = gaussian(rnd, in, 1);
                float[] alone = new float[out];
                vec.matmul(w, row, 1, alone);
                for (int rows : new int[] {2, 3, 4, 7, 16, 21, 32}) {
                    float[] x = gaussian(rnd, rows * in, 3);
                    int at = rnd.nextInt(rows);
                    System.arraycopy(row, 0, x, at * in, in);
                    float[] y = new float[rows * out];
                    vec.matmul(w, x, rows, y);
                    float[] mine = java.util.Arrays.copyOfRange(y, at * out, (at + 1) * out);
                    assertArrayEquals(alone, mine, storage + " " + out + "x" + in + ": row " + at + " of " + rows);
                }
            }
        }
    }

    @Test
    void bf16AndF32StorageHoldTheSameValues() {
        float[] v = {1.5f, -2.25f, 3.0e-3f, 65504f, -0.0f, 1e-30f};
        WeightMatrix b = WeightMatrix.bf16(2, 3, v);
        for (int i = 0; i < v.length; i++) {
            float bf = b.get(i / 3, i % 3);
            assertEquals(v[i], bf, Math.abs(v[i]) / 128, "bf16 rounding of " + v[i]);
        }
        assertEquals(1.5f, b.get(0, 0));
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(b.get(1, 1)));
    }

    @Test
    void expIsAccurateAndVectorLanesEqualScalar() {
        SplittableRandom rnd = new SplittableRandom(3);
        int n = 4096;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rnd.nextDouble() * 180 - 95);
        }
        x[0] = Float.NEGATIVE_INFINITY;
        x[1] = 0f;
        x[2] = -87.3f;
        x[3] = 87.9f;
        float[] lanes = new float[n];
        int len = VectorMath.L;
        for (int i = 0; i + len <= n; i += len) {
            Activations.exp(FloatVector.fromArray(VectorMath.F, x, i)).intoArray(lanes, i);
        }
        for (int i = 0; i < n; i++) {
            float s = Activations.exp(x[i]);
            assertEquals(Float.floatToRawIntBits(s), Float.floatToRawIntBits(lanes[i]), "exp(" + x[i] + ") scalar vs lane");
            double e = Math.exp(x[i]);
            if (x[i] < -87.33654f) {
                assertEquals(0f, s);
            } else {
                assertTrue(Math.abs(s - e) <= 3e-7 * e, "exp(" + x[i] + ") = " + s + ", expected " + e);
            }
        }
    }

    @Test
    void layerNormSoftmaxSiluGateMatchReference() {
        SplittableRandom rnd = new SplittableRandom(4);
        for (int n : new int[] {7, 16, 128, 2051}) {
            int rows = 3;
            float[] x = gaussian(rnd, rows * n, 2);
            for (int i = 0; i < x.length; i++) {
                x[i] += 0.5f;
            }
            float[] w = gaussian(rnd, n, 1);
            float[] b = gaussian(rnd, n, 1);
            float[] e = new float[rows * n];
            float[] a = new float[rows * n];
            ref.layerNorm(x, e, rows, w, b, 1e-5f);
            vec.layerNorm(x, a, rows, w, b, 1e-5f);
            assertClose(e, a, 2e-5, "layerNorm n=" + n);

            float[] s1 = gaussian(rnd, n + 5, 4);
            s1[3] = Float.NEGATIVE_INFINITY;
            float[] s2 = s1.clone();
            ref.softmax(s1, 2, n);
            vec.softmax(s2, 2, n);
            assertEquals(0f, s2[3]);
            assertClose(s1, s2, 1e-6, "softmax n=" + n);

            float[] fc1 = gaussian(rnd, rows * 2 * n, 3);
            float[] g1 = new float[rows * n];
            float[] g2 = new float[rows * n];
            ref.siluGate(fc1, rows, n, g1);
            vec.siluGate(fc1, rows, n, g2);
            assertClose(g1, g2, 1e-5, "siluGate n=" + n);
        }
    }

    @Test
    void attentionMatchesReferenceAndIsIdenticalForEveryBlockSize() {
        int layers = 2;
        int positions = 150;
        // query heads per KV head 2, 4, 3 and 1; block sizes and head sizes on and off the bf16 pair groups
        for (int[] hk : new int[][] {{4, 2}, {8, 2}, {3, 1}, {2, 2}}) {
        int heads = hk[0];
        int kvHeads = hk[1];
        for (WeightMatrix.Storage storage : WeightMatrix.Storage.values()) {
        for (int headDim : new int[] {8, 32, 20, 128}) {
            int kvDim = kvHeads * headDim;
            SplittableRandom rnd = new SplittableRandom(5);
            float[][] keys = new float[positions * layers][];
            float[][] values = new float[positions * layers][];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = gaussian(rnd, kvDim, 1);
                values[i] = gaussian(rnd, kvDim, 1);
            }
            float[] q = gaussian(rnd, heads * headDim + 3, 1);
            float[][] first = null;
            int[] lens = {1, 5, 16, 64, 70, 150};
            for (int blockPositions : new int[] {64, 16, 4, 80}) {
                KvPool pool = new KvPool(1L << 28, blockPositions, layers, kvDim, storage);
                KvBlockTable kv = new KvBlockTable(pool, positions);
                kv.ensure(positions);
                for (int j = 0; j < positions; j++) {
                    for (int l = 0; l < layers; l++) {
                        kv.putKey(l, j, keys[j * layers + l], 0);
                        kv.putValue(l, j, values[j * layers + l], 0);
                    }
                }
                float[][] outs = new float[lens.length][];
                for (int t = 0; t < lens.length; t++) {
                    int len = lens[t];
                    float[] e = new float[heads * headDim + 1];
                    float[] a = new float[heads * headDim + 1];
                    ref.attention(q, 3, kv, 1, len, heads, kvHeads, headDim, e, 1);
                    vec.attention(q, 3, kv, 1, len, heads, kvHeads, headDim, a, 1);
                    assertClose(e, a, 2e-6, storage + " attention " + heads + "/" + kvHeads + " heads hd=" + headDim + " len=" + len
                            + " block=" + blockPositions);
                    outs[t] = a;
                }
                if (first == null) {
                    first = outs;
                } else {
                    for (int t = 0; t < lens.length; t++) {
                        assertArrayEquals(first[t], outs[t], storage + " " + heads + "/" + kvHeads + " heads hd=" + headDim + " len="
                                + lens[t] + " block " + blockPositions);
                    }
                }
                kv.release();
                assertEquals(0, pool.reservedBytes());
            }
        }
        }
        }
    }

    @Test
    void bf16KvStoresRoundedValuesInHalfTheBytes() {
        KvPool f32 = new KvPool(1L << 20, 4, 2, 8);
        KvPool bf16 = new KvPool(1L << 20, 4, 2, 8, WeightMatrix.Storage.BF16);
        assertEquals(f32.blockBytes(), 2 * bf16.blockBytes());
        assertEquals(f32.bytesPerPosition(), 2 * bf16.bytesPerPosition());
        KvBlockTable kv = new KvBlockTable(bf16, 8);
        kv.ensure(8);
        float[] v = {1.00390625f, -3.1f, 1e-3f, 7f, 0f, -0f, 65504f, 0.3333f};
        kv.putKey(1, 5, v, 0);
        kv.putValue(1, 5, v, 0);
        for (int c = 0; c < v.length; c++) {
            float rounded = WeightMatrix.bf16ToFloat(WeightMatrix.floatToBf16(v[c]));
            assertEquals(rounded, kv.key(1, 5, c), "key " + c);
            assertEquals(rounded, kv.value(1, 5, c), "value " + c);
        }
        kv.release();
    }

    @Test
    void pairedBf16KvGivesBackEveryElementWhereItWasPut() {
        int group = KvBlockTable.PAIR_GROUP;
        int kvDim = 2 * group;
        KvPool pool = new KvPool(1L << 26, 2 * group, 3, kvDim, WeightMatrix.Storage.BF16);
        KvBlockTable kv = new KvBlockTable(pool, 5 * group);
        assertTrue(kv.paired());
        kv.ensure(5 * group);
        SplittableRandom rnd = new SplittableRandom(11);
        float[][] keys = new float[3 * 5 * group][];
        float[][] values = new float[3 * 5 * group][];
        for (int layer = 0; layer < 3; layer++) {
            for (int pos = 0; pos < 5 * group; pos++) {
                keys[layer * 5 * group + pos] = gaussian(rnd, kvDim, 1);
                values[layer * 5 * group + pos] = gaussian(rnd, kvDim, 1);
                kv.putKey(layer, pos, keys[layer * 5 * group + pos], 0);
                kv.putValue(layer, pos, values[layer * 5 * group + pos], 0);
            }
        }
        for (int layer = 0; layer < 3; layer++) {
            for (int pos = 0; pos < 5 * group; pos++) {
                for (int c = 0; c < kvDim; c++) {
                    float k = keys[layer * 5 * group + pos][c];
                    float v = values[layer * 5 * group + pos][c];
                    String at = layer + "/" + pos + "/" + c;
                    assertEquals(WeightMatrix.bf16ToFloat(WeightMatrix.floatToBf16(k)), kv.key(layer, pos, c), "key " + at);
                    assertEquals(WeightMatrix.bf16ToFloat(WeightMatrix.floatToBf16(v)), kv.value(layer, pos, c), "value " + at);
                }
            }
        }
        assertFalse(new KvBlockTable(new KvPool(1L << 20, group + 1, 1, kvDim, WeightMatrix.Storage.BF16), 1).paired());
        assertFalse(new KvBlockTable(new KvPool(1L << 20, group, 1, kvDim, WeightMatrix.Storage.F32), 1).paired());
        kv.release();
    }

    @Test
    void rotaryRotatesAdjacentPairs() {
        Rotary rot = new Rotary(4);
        float[] cos = new float[2];
        float[] sin = new float[2];
        rot.angles(3, cos, sin, 0);
        assertEquals((float) Math.cos(3), cos[0], 1e-7);
        assertEquals((float) Math.sin(3 * 0.01f), sin[1], 1e-7);
        float[] x = {0, 1, 2, 3, 4};
        vec.rotary(x, 1, 1, 4, cos, sin, 0);
        assertEquals(1 * cos[0] - 2 * sin[0], x[1], 1e-6);
        assertEquals(2 * cos[0] + 1 * sin[0], x[2], 1e-6);
        assertEquals(3 * cos[1] - 4 * sin[1], x[3], 1e-6);
        assertEquals(0f, x[0]);
    }

    @Test
    void kvPoolEnforcesItsBudgetAndRecyclesBlocks() {
        KvPool pool = new KvPool(3 * 4L * 2 * 2 * 2 * 8, 2, 2, 8);
        assertEquals(4L * 2 * 2 * 2 * 8, pool.blockBytes());
        KvBlockTable a = new KvBlockTable(pool, 4);
        a.ensure(3);
        assertTrue(!pool.canReserve(2));
        assertThrowsZonos(() -> new KvBlockTable(pool, 3));
        a.release();
        KvBlockTable b = new KvBlockTable(pool, 6);
        b.ensure(6);
        assertEquals(3 * pool.blockBytes(), pool.allocatedBytes());
        b.release();
    }

    @Test
    void aGrowingTableReservesEachBlockAsItIsReachedAndStopsAtTheBudget() {
        KvPool pool = new KvPool(3 * 4L * 2 * 2 * 2 * 8, 2, 2, 8);
        KvBlockTable a = new KvBlockTable(pool, 10, 0);
        assertEquals(0, pool.reservedBytes(), "nothing reserved up front");
        assertEquals(10, a.capacity());
        assertEquals(2, a.blocksToReserve(3));
        a.ensure(3);
        assertEquals(2, a.reservedBlocks());
        assertEquals(2 * pool.blockBytes(), pool.reservedBytes());
        assertEquals(0, a.blocksToReserve(4), "position 3 is in the second block");
        KvBlockTable b = new KvBlockTable(pool, 4, 1);
        assertEquals(3 * pool.blockBytes(), pool.reservedBytes());
        assertThrowsZonos(() -> a.ensure(5)); // a third block for a: the budget is spent
        assertEquals(2, a.reservedBlocks());
        b.release();
        a.ensure(5);
        assertEquals(3, a.reservedBlocks());
        a.release();
        assertEquals(0, pool.reservedBytes());
    }

    private static void assertThrowsZonos(Runnable r) {
        try {
            r.run();
        } catch (dev.zonos4j.util.ZonosException e) {
            assertTrue(e.getMessage().contains("budget"), e.getMessage());
            return;
        }
        throw new AssertionError("expected a budget error");
    }

    private static void assertClose(float[] e, float[] a, double tol, String what) {
        assertEquals(e.length, a.length, what);
        for (int i = 0; i < e.length; i++) {
            assertTrue(Math.abs(e[i] - a[i]) <= tol * Math.max(1, Math.abs(e[i])), what + " [" + i + "]: " + e[i] + " vs " + a[i]);
        }
    }
}
