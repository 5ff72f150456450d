package dev.zonos4j.model.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DenseTest {

    @Test
    void matmulAndMatvecMatchTheReference() {
        SplittableRandom r = new SplittableRandom(9);
        for (int[] s : new int[][] {{7, 13, 1}, {33, 40, 19}, {128, 320, 13}, {5, 3, 70}}) {
            int out = s[0], in = s[1], cols = s[2];
            float[] w = new float[out * in];
            float[] b = new float[out];
            float[] x = new float[in * cols];
            for (float[] a : new float[][] {w, b, x}) {
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) (r.nextDouble() - 0.5);
                }
            }
            float[] expected = new float[out * cols];
            Dense.matmulReference(w, b, out, in, x, cols, expected);
            float[] actual = new float[out * cols];
            Dense.matmul(w, b, out, in, x, cols, actual);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 1e-5);
            }
            if (cols == 1) {
                float[] mv = Dense.matvec(w, b, out, in, x);
                for (int i = 0; i < out; i++) {
                    assertEquals(expected[i], mv[i], 1e-5);
                }
            }
        }
    }
}
