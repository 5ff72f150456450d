package dev.zonos4j.tensor;

import static dev.zonos4j.tensor.ConvTesting.assertClose;
import static dev.zonos4j.tensor.ConvTesting.gaussian;
import static dev.zonos4j.tensor.ConvTesting.random;
import static dev.zonos4j.tensor.ConvTesting.window;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zonos4j.tensor.onednn.OneDnn;
import dev.zonos4j.tensor.onednn.OneDnnConv;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The codec's bf16 convolutions through oneDNN: close to f32, and independent of the window they are cut into. */
class Conv1dBf16Test {

    @BeforeAll
    static void needsOneDnn() {
        assumeTrue(OneDnn.available(), "oneDNN does not load on this machine, so the bf16 convolution was NOT checked");
    }

    /** bf16 inputs and weights with f32 sums: about 3 significant digits, never an outright wrong value. */
    @Test
    void staysCloseToF32() {
        Random rnd = new Random(11);
        int out = 40, in = 24, taps = 7, dil = 3, pad = 9, len = 3000;
        float[] w = gaussian(rnd, out * in * taps, 0.2);
        float[] b = gaussian(rnd, out, 0.1);
        Signal x = random(rnd, in, 0, len);
        Signal exact = new Signal().shape(out, 0, len);
        Conv1d.pack(w, b, out, in, taps, dil, pad).forward(x, exact);
        Signal fast = new Signal().shape(out, 0, len);
        Conv1d.pack(w, b, out, in, taps, dil, pad, ConvPrecision.BF16).forward(x, fast);
        assertClose(exact, fast, 3e-2, "bf16 conv vs f32");
        double err = 0;
        double sig = 0;
        for (int c = 0; c < out; c++) {
            for (int t = 0; t < len; t++) {
                double e = exact.data()[exact.index(c, t)];
                double d = e - fast.data()[fast.index(c, t)];
                sig += e * e;
                err += d * d;
            }
        }
        double db = 10 * Math.log10(sig / err);
        assertTrue(db > 40, "one bf16 layer's signal-to-error is " + db + " dB");
        assertTrue(db < 70, "signal-to-error " + db + " dB is f32-like: the bf16 path did not round");
    }

    /** Wider than one piece, so the window is cut into pieces of different widths at different offsets. */
    @Test
    void resultDoesNotDependOnTheWindow() {
        Random rnd = new Random(12);
        int out = 19, in = 16, taps = 7, dil = 9, pad = 27, len = OneDnnConv.MAX_WIDTH * 2 + 700;
        Conv1d conv = Conv1d.pack(gaussian(rnd, out * in * taps, 0.3), gaussian(rnd, out, 0.1), out, in, taps, dil, pad,
                ConvPrecision.BF16);
        Signal x = random(rnd, in, 0, len);
        Signal whole = new Signal().shape(out, 0, len);
        conv.forward(x, whole);
        int[][] windows = {{0, 300}, {300, 2811}, {2811, len}, {1234, 1299}, {5, len - 5}};
        for (int[] win : windows) {
            Signal part = new Signal().shape(out, win[0], win[1] - win[0]);
            conv.forward(window(x, Math.max(0, win[0] - pad), Math.min(len, win[1] - pad + (taps - 1) * dil)), part);
            for (int c = 0; c < out; c++) {
                float[] e = new float[part.length()];
                float[] g = new float[part.length()];
                System.arraycopy(whole.data(), whole.index(c, win[0]), e, 0, e.length);
                System.arraycopy(part.data(), part.index(c, win[0]), g, 0, g.length);
                assertArrayEquals(e, g, "channel " + c + " of window [" + win[0] + ", " + win[1] + ") must be bit-identical");
            }
        }
    }

    @Test
    void transposedConvolutionMatchesF32AndItsWindows() {
        Random rnd = new Random(13);
        int in = 24, out = 12, taps = 8, stride = 4, pad = 2, len = 700;
        float[] w = gaussian(rnd, in * out * taps, 0.3);
        float[] b = gaussian(rnd, out, 0.1);
        Signal x = random(rnd, in, 0, len);
        Signal exact = new Signal().shape(out, 0, len * stride);
        ConvTranspose1d.pack(w, b, in, out, taps, stride, pad).forward(x, null, exact);
        ConvTranspose1d fast = ConvTranspose1d.pack(w, b, in, out, taps, stride, pad, ConvPrecision.BF16);
        Signal y = new Signal().shape(out, 0, len * stride);
        fast.forward(x, null, y);
        assertClose(exact, y, 3e-2, "bf16 transposed conv vs f32");
        Signal part = new Signal().shape(out, 901, 1000);
        fast.forward(x, null, part);
        assertClose(window(y, 901, 1901), part, 0, "bf16 transposed conv window [901, 1901)");
    }
}
