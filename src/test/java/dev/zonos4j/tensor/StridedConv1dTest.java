package dev.zonos4j.tensor;

import static dev.zonos4j.tensor.ConvTesting.assertClose;
import static dev.zonos4j.tensor.ConvTesting.gaussian;
import static dev.zonos4j.tensor.ConvTesting.random;
import static dev.zonos4j.tensor.ConvTesting.window;

import java.util.Random;
import org.junit.jupiter.api.Test;

class StridedConv1dTest {

    /** out, in, taps, stride, padding, input length: DAC's downsampling convs (k = 2s, p = ceil(s/2)) and others. */
    private static final int[][] SHAPES = {
        {16, 8, 4, 2, 1, 64}, {8, 4, 8, 4, 2, 64}, {16, 8, 16, 8, 4, 128}, {9, 3, 5, 3, 0, 40}, {5, 6, 3, 2, 3, 31},
    };

    @Test
    void matchesReference() {
        Random rnd = new Random(6);
        for (int[] s : SHAPES) {
            int out = s[0], in = s[1], taps = s[2], stride = s[3], pad = s[4], len = s[5];
            int outLen = (len + 2 * pad - taps) / stride + 1;
            float[] w = gaussian(rnd, out * in * taps, 0.3);
            float[] b = gaussian(rnd, out, 0.1);
            StridedConv1d conv = StridedConv1d.pack(w, b, out, in, taps, stride, pad);
            Signal full = random(rnd, in, 0, len);
            for (int[] win : new int[][] {{0, outLen}, {1, outLen - 1}, {outLen / 2, outLen}}) {
                int a = win[0], e = win[1];
                Signal x = window(full, Math.max(0, a * stride - pad), Math.min(len, (e - 1) * stride - pad + taps));
                Signal expected = new Signal().shape(out, a, e - a);
                Conv1dReference.forward(w, b, out, in, taps, stride, 1, pad, full, len, expected, false);
                Signal y = new Signal().shape(out, a, e - a);
                conv.forward(x, y, new Signal());
                assertClose(expected, y, 2e-5, "strided conv out=" + out + " in=" + in + " k=" + taps + " s=" + stride
                        + " window [" + a + "," + e + ")");
            }
        }
    }
}
