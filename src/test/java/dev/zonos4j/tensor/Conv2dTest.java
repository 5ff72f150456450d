package dev.zonos4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Conv2dTest {

    private static float[] random(int n, SplittableRandom r) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }

    /** {cin, cout, h, w, k, stride, pad}: odd sizes, widths around the tile width, channels not a multiple of 4. */
    private static final int[][] SHAPES = {
        {1, 4, 80, 13, 3, 1, 1}, {3, 5, 9, 37, 3, 1, 1}, {4, 8, 10, 70, 3, 2, 1}, {8, 8, 5, 64, 3, 1, 1},
        {5, 6, 9, 33, 1, 2, 0}, {6, 7, 11, 129, 3, 2, 1}, {16, 16, 20, 251, 3, 1, 1}, {2, 3, 4, 4, 1, 1, 0},
    };

    @Test
    void vectorKernelMatchesTheReference() {
        SplittableRandom r = new SplittableRandom(11);
        for (int[] s : SHAPES) {
            int cin = s[0], cout = s[1], h = s[2], w = s[3], k = s[4], stride = s[5], pad = s[6];
            float[] in = random(cin * h * w, r);
            float[] weight = random(cout * cin * k * k, r);
            float[] bias = random(cout, r);
            Conv2d conv = new Conv2d(weight, bias, cin, cout, k, stride, pad);
            int ho = conv.outHeight(h);
            int wo = conv.outWidth(w);
            for (boolean relu : new boolean[] {false, true}) {
                float[] expected = new float[cout * ho * wo];
                Conv2d.reference(in, cin, h, w, weight, bias, cout, k, stride, pad, relu, expected);
                float[] actual = new float[cout * ho * wo + 5];
                actual[actual.length - 1] = 42f;
                float[] scratch = new float[conv.scratchSize(h, w)];
                java.util.Arrays.fill(scratch, Float.NaN);
                conv.forward(in, h, w, actual, relu, scratch);
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], 1e-5 * (1 + Math.abs(expected[i])),
                            java.util.Arrays.toString(s) + " relu " + relu + " at " + i);
                }
                assertEquals(42f, actual[actual.length - 1], "nothing written past the output");
            }
        }
    }

    @Test
    void rejectsBadGeometry() {
        assertThrows(IllegalArgumentException.class, () -> new Conv2d(new float[9], null, 1, 1, 3, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> new Conv2d(new float[8], null, 1, 1, 3, 1, 1));
    }
}
