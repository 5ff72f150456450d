package dev.zonos4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The vector Mamba2 kernels against the scalar reference, at shapes with and without a vector tail. */
class SsmKernelsTest {
    private final SsmKernels vec = SsmKernels.vector();
    private final SsmKernels ref = SsmKernels.scalar();

    private static float[] gaussian(SplittableRandom rnd, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (rnd.nextGaussian() * scale);
        }
        return a;
    }

    private static void close(float[] e, float[] a, double tol, String what) {
        assertEquals(e.length, a.length);
        for (int i = 0; i < e.length; i++) {
            assertTrue(Math.abs(e[i] - a[i]) <= tol * (1 + Math.abs(e[i])), what + " [" + i + "]: " + e[i] + " vs " + a[i]);
        }
    }

    @Test
    void convStepMatchesTheReferenceOverManySteps() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int channels : new int[] {6, 160, 4352 / 16 + 3}) {
            int width = 4;
            float[] w = gaussian(rnd, width * channels, 0.5);
            float[] bias = gaussian(rnd, channels, 0.1);
            float[] sRef = new float[width * channels];
            float[] sVec = new float[width * channels];
            for (int t = 0; t < 7; t++) {
                float[] x = gaussian(rnd, channels, 1);
                float[] oRef = new float[channels];
                float[] oVec = new float[channels];
                ref.convStep(sRef, 0, x, 0, w, bias, channels, width, oRef, 0);
                vec.convStep(sVec, 0, x, 0, w, bias, channels, width, oVec, 0);
                assertArrayEquals(sRef, sVec, "the state is a copy of the inputs");
                close(oRef, oVec, 1e-6, "conv out, " + channels + " channels, step " + t);
            }
        }
    }

    @Test
    void convStepKeepsTheLastInputsNewestLast() {
        float[] state = new float[3 * 2];
        float[] out = new float[2];
        float[] w = {0, 0, 0, 0, 1, 1};
        for (int t = 1; t <= 4; t++) {
            ref.convStep(state, 0, new float[] {t, -t}, 0, w, new float[2], 2, 3, out, 0);
        }
        assertArrayEquals(new float[] {2, -2, 3, -3, 4, -4}, state);
        assertEquals(4 / (1 + Math.exp(-4)), out[0], 1e-6);
    }

    @Test
    void scanStepMatchesTheReferenceOverManySteps() {
        SplittableRandom rnd = new SplittableRandom(4);
        for (int[] shape : new int[][] {{4, 5}, {32, 16}, {64, 128}, {3, 21}}) {
            int p = shape[0];
            int n = shape[1];
            float[] sRef = new float[p * n];
            float[] sVec = new float[p * n];
            for (int t = 0; t < 20; t++) {
                float[] x = gaussian(rnd, p, 1);
                float[] bc = gaussian(rnd, 2 * n, 1);
                float dt = SsmKernels.softplus((float) rnd.nextGaussian());
                float decay = (float) Math.exp(-dt * 2);
                float[] yRef = new float[p];
                float[] yVec = new float[p];
                ref.scanStep(sRef, 0, x, 0, bc, 0, n, dt, decay, 0.7f, p, n, yRef, 0);
                vec.scanStep(sVec, 0, x, 0, bc, 0, n, dt, decay, 0.7f, p, n, yVec, 0);
                close(sRef, sVec, 1e-5, "state " + p + "x" + n);
                close(yRef, yVec, 1e-5, "y " + p + "x" + n);
            }
        }
    }

    @Test
    void gatedRmsNormMatchesTheReferenceAndWorksInPlace() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int[] shape : new int[][] {{8, 8}, {8, 4}, {128, 128}, {4096, 4096}, {4096, 1024}, {40, 20}}) {
            int n = shape[0];
            float[] y = gaussian(rnd, n, 1);
            float[] z = gaussian(rnd, n, 1);
            float[] w = gaussian(rnd, n, 1);
            float[] oRef = new float[n];
            float[] oVec = y.clone();
            ref.gatedRmsNorm(y, 0, z, 0, w, n, shape[1], 1e-5f, oRef, 0);
            vec.gatedRmsNorm(oVec, 0, z, 0, w, n, shape[1], 1e-5f, oVec, 0);
            close(oRef, oVec, 1e-5, "gated norm " + n + "/" + shape[1]);
        }
    }

    @Test
    void softplusFollowsTorchsThreshold() {
        assertEquals(25f, SsmKernels.softplus(25f));
        assertEquals((float) Math.log(2), SsmKernels.softplus(0f), 1e-7);
    }
}
