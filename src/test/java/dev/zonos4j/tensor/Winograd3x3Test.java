package dev.zonos4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Winograd3x3Test {

    @Test
    void matchesDirectConvolutionOnOddAndEvenShapes() {
        SplittableRandom r = new SplittableRandom(21);
        // {cin, cout, h, w}: odd sizes, a row of tiles wider than a chunk, channels not a multiple of 4
        int[][] shapes = {{1, 4, 80, 13}, {3, 5, 9, 37}, {4, 4, 10, 19}, {8, 6, 7, 150}, {16, 16, 20, 251}, {5, 7, 1, 1}, {2, 3, 2, 130}};
        for (int[] s : shapes) {
            int cin = s[0], cout = s[1], h = s[2], w = s[3];
            float[] in = new float[cin * h * w];
            float[] weight = new float[cout * cin * 9];
            float[] bias = new float[cout];
            for (float[] a : new float[][] {in, weight, bias}) {
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) (r.nextDouble() * 2 - 1);
                }
            }
            Convolution conv = Convolution.of(weight, bias, cin, cout, 3, 1, 1);
            assertTrue(conv instanceof Winograd3x3);
            for (boolean relu : new boolean[] {false, true}) {
                float[] expected = new float[cout * h * w];
                Conv2d.reference(in, cin, h, w, weight, bias, cout, 3, 1, 1, relu, expected);
                float[] actual = new float[cout * h * w + 3];
                actual[actual.length - 1] = 7f;
                float[] scratch = new float[conv.scratchSize(h, w)];
                java.util.Arrays.fill(scratch, Float.NaN);
                conv.forward(in, h, w, actual, relu, scratch);
                double scale = Math.sqrt(cin * 9.0);
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], 2e-6 * scale * (1 + Math.abs(expected[i])),
                            java.util.Arrays.toString(s) + " relu " + relu + " at " + i);
                }
                assertEquals(7f, actual[actual.length - 1], "nothing written past the output");
            }
        }
    }
}
