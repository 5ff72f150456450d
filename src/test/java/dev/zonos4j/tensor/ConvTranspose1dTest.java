package dev.zonos4j.tensor;

import static dev.zonos4j.tensor.ConvTesting.assertClose;
import static dev.zonos4j.tensor.ConvTesting.gaussian;
import static dev.zonos4j.tensor.ConvTesting.random;
import static dev.zonos4j.tensor.ConvTesting.window;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ConvTranspose1dTest {

    /** in, out, taps, stride, padding, input length: DAC's k = 2s, p = ceil(s/2) and a few others. */
    private static final int[][] SHAPES = {
        {16, 8, 16, 8, 4, 9}, {8, 4, 8, 4, 2, 20}, {4, 2, 4, 2, 1, 33}, {12, 9, 5, 3, 1, 13}, {3, 17, 3, 4, 0, 11},
    };

    @Test
    void matchesScatterDefinition() {
        Random rnd = new Random(5);
        for (int[] s : SHAPES) {
            int in = s[0], out = s[1], taps = s[2], stride = s[3], pad = s[4], len = s[5];
            int outLen = (len - 1) * stride - 2 * pad + taps;
            float[] w = gaussian(rnd, in * out * taps, 0.3);
            float[] b = gaussian(rnd, out, 0.1);
            ConvTranspose1d conv = ConvTranspose1d.pack(w, b, in, out, taps, stride, pad);
            Signal full = random(rnd, in, 0, len);
            for (int[] win : new int[][] {{0, outLen}, {outLen / 3, outLen - 2}, {1, outLen / 2}}) {
                int a = win[0], e = win[1];
                Signal x = window(full, Math.max(0, Math.floorDiv(a + pad, stride) - (taps - 1) / stride - 1),
                        Math.min(len, Math.floorDiv(e - 1 + pad, stride) + 1));
                Signal expected = new Signal().shape(out, a, e - a);
                ConvTranspose1dReference.forward(w, b, in, out, taps, stride, pad, full, len, expected);
                Signal y = new Signal().shape(out, a, e - a);
                conv.forward(x, y);
                assertClose(expected, y, 2e-5, "convT in=" + in + " out=" + out + " k=" + taps + " s=" + stride
                        + " window [" + a + "," + e + ")");
            }
        }
    }
}
