package dev.zonos4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.zonos4j.tensor.onednn.OneDnn;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The native backend (oneDNN): matmul against the scalar reference over bf16-rounded activations, and batch
 * invariance: a row's bits are the same alone and among 1..64 rows of random contents, at 1, 2, 4 and 8 threads.
 * Runs wherever the bundled oneDNN loads; where it does not, it fails with the reason rather than skipping,
 * unless the suite runs with {@code -Dzonos.backend=vector} (then the native backend is not under test).
 */
class NativeKernelsTest {
    private static Kernels nat;

    @BeforeAll
    static void load() {
        if (Backend.fromSystemProperty() == Backend.VECTOR || Backend.fromSystemProperty() == Backend.SCALAR) {
            org.junit.jupiter.api.Assumptions.abort("suite runs with -Dzonos.backend=" + System.getProperty("zonos.backend"));
        }
        nat = Backend.NATIVE.kernels();
    }

    private static float[] gaussian(SplittableRandom rnd, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (rnd.nextGaussian() * scale);
        }
        return a;
    }

    private static float roundBf16(float f) {
        return WeightMatrix.bf16ToFloat(WeightMatrix.floatToBf16(f));
    }

    @Test
    void reportsLibraryAndInstructionSet() {
        String d = nat.describe();
        assertTrue(d.startsWith("native: oneDNN 3.8.1"), d);
        assertTrue(d.contains("ISA "), d);
        assertEquals(Backend.NATIVE, nat.backend());
        assertTrue(OneDnn.get().isa().length() > 0);
    }

    @Test
    void matmulMatchesTheReferenceOnBf16RoundedActivations() {
        SplittableRandom rnd = new SplittableRandom(3);
        int[][] shapes = {{13, 37}, {64, 520}, {96, 2048}, {9, 8200}, {1030, 64}};
        for (WeightMatrix.Storage storage : WeightMatrix.Storage.values()) {
            for (int[] shape : shapes) {
                int out = shape[0];
                int in = shape[1];
                float[] values = gaussian(rnd, out * in, 1 / Math.sqrt(in));
                WeightMatrix plain = storage == WeightMatrix.Storage.BF16 ? WeightMatrix.bf16(out, in, values)
                        : WeightMatrix.f32(out, in, values);
                WeightMatrix w = nat.prepare(plain);
                assertTrue(w instanceof PackedMatrix, "prepare packs for oneDNN");
                for (int rows : new int[] {1, 2, 3, 17, 40}) {
                    float[] x = gaussian(rnd, rows * in, 1);
                    float[] xr = x.clone();
                    if (storage == WeightMatrix.Storage.BF16) {
                        for (int i = 0; i < xr.length; i++) {
                            xr[i] = roundBf16(xr[i]);
                        }
                    }
                    float[] expected = new float[rows * out];
                    float[] actual = new float[rows * out];
                    Kernels.scalar().matmul(plain, xr, rows, expected);
                    nat.matmul(w, x, rows, actual);
                    for (int r = 0; r < rows; r++) {
                        for (int o = 0; o < out; o++) {
                            double mag = 0;
                            for (int i = 0; i < in; i++) {
                                mag += Math.abs(plain.get(o, i) * xr[r * in + i]);
                            }
                            float e = expected[r * out + o];
                            float a = actual[r * out + o];
                            assertTrue(Math.abs(e - a) <= 2e-6 * mag + 1e-7, storage + " " + out + "x" + in + " rows " + rows
                                    + " [" + r + "," + o + "]: reference " + e + ", native " + a);
                        }
                    }
                }
            }
        }
    }

    @Test
    void rowsAreBitIdenticalAloneAndInAnyBatchAtAnyThreadCount() {
        int saved = Parallel.threads();
        try {
            for (WeightMatrix.Storage storage : WeightMatrix.Storage.values()) {
                checkInvariance(storage, 160, 2048);
                checkInvariance(storage, 2048, 264);
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    private void checkInvariance(WeightMatrix.Storage storage, int out, int in) {
        SplittableRandom rnd = new SplittableRandom(out * 31L + in);
        float[] values = gaussian(rnd, out * in, 1 / Math.sqrt(in));
        WeightMatrix plain = storage == WeightMatrix.Storage.BF16 ? WeightMatrix.bf16(out, in, values) : WeightMatrix.f32(out, in, values);
        WeightMatrix w = nat.prepare(plain);
        int maxRows = 64;
        float[] probes = gaussian(rnd, maxRows * in, 1);
        float[][] alone = new float[maxRows][];
        Parallel.setThreads(1);
        for (int r = 0; r < maxRows; r++) {
            float[] x = new float[in];
            System.arraycopy(probes, r * in, x, 0, in);
            alone[r] = new float[out];
            nat.matmul(w, x, 1, alone[r]);
        }
        for (int threads : new int[] {1, 2, 4, 8}) {
            Parallel.setThreads(threads);
            for (int rows = 1; rows <= maxRows; rows++) {
                // probe rows at random places among random filler rows
                float[] x = gaussian(rnd, rows * in, rnd.nextDouble() * 4);
                int[] slot = new int[rows];
                for (int r = 0; r < rows; r++) {
                    slot[r] = rnd.nextInt(maxRows);
                    if (rnd.nextBoolean() || r == 0) {
                        System.arraycopy(probes, slot[r] * in, x, r * in, in);
                    } else {
                        slot[r] = -1;
                    }
                }
                float[] y = new float[rows * out];
                nat.matmul(w, x, rows, y);
                for (int r = 0; r < rows; r++) {
                    if (slot[r] < 0) {
                        continue;
                    }
                    for (int o = 0; o < out; o++) {
                        if (Float.floatToRawIntBits(y[r * out + o]) != Float.floatToRawIntBits(alone[slot[r]][o])) {
                            fail(storage + " [" + out + ", " + in + "] at " + threads + " threads: row " + r + " of " + rows
                                    + ", output " + o + " is " + y[r * out + o] + " batched but " + alone[slot[r]][o]
                                    + " alone at 1 thread");
                        }
                    }
                }
            }
        }
    }

    @Test
    void vectorRoundingToBf16GivesTheScalarBits() {
        SplittableRandom rnd = new SplittableRandom(9);
        int n = 1000;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = Float.intBitsToFloat(rnd.nextInt());
        }
        x[3] = Float.NaN;
        x[4] = Float.intBitsToFloat(0x7F800001); // a NaN whose payload sits in the low bits
        x[5] = Float.POSITIVE_INFINITY;
        x[6] = -0f;
        x[7] = Float.intBitsToFloat(0x3F808000); // a tie: rounds to even
        x[8] = Float.intBitsToFloat(0x3F818000);
        short[] bits = new short[n];
        NativeKernels.toBf16(x, bits, n);
        for (int i = 0; i < n; i++) {
            assertEquals(WeightMatrix.floatToBf16(x[i]), bits[i], "value " + i + ": " + Integer.toHexString(Float.floatToRawIntBits(x[i])));
        }
    }
}
