package dev.zonos4j.tensor;

import static dev.zonos4j.tensor.ConvTesting.assertClose;
import static dev.zonos4j.tensor.ConvTesting.random;
import static dev.zonos4j.tensor.ConvTesting.window;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SnakeTest {

    @Test
    void matchesScalarReferenceInPlaceAndOutOfPlace() {
        Random rnd = new Random(7);
        float[] alpha = {0.5f, 1f, 2f, 1e-3f, 1.7f};
        for (int len : new int[] {1, 15, 16, 100, 1000}) {
            Signal x = random(rnd, alpha.length, 40, len);
            for (int c = 0; c < alpha.length; c++) {
                x.data()[x.index(c, 40)] *= 30; // large arguments exercise sine range reduction
            }
            Signal expected = new Signal().shape(alpha.length, 40, len);
            SnakeReference.apply(x, alpha, expected);
            Signal y = new Signal().shape(alpha.length, 40, len);
            Snake.apply(x, alpha, y);
            assertClose(expected, y, 2e-6, "snake length " + len);
            Snake.apply(x, alpha, x);
            assertClose(expected, window(x, 40, 40 + len), 2e-6, "in-place snake length " + len);
        }
    }
}
