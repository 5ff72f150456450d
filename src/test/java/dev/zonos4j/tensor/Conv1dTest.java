package dev.zonos4j.tensor;

import static dev.zonos4j.tensor.ConvTesting.assertClose;
import static dev.zonos4j.tensor.ConvTesting.gaussian;
import static dev.zonos4j.tensor.ConvTesting.random;
import static dev.zonos4j.tensor.ConvTesting.window;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class Conv1dTest {

    /** out, in, taps, dilation, padding, input length: 8-blocks, leftover rows, 1x1, dilated, odd lengths. */
    private static final int[][] SHAPES = {
        {16, 8, 7, 1, 3, 100}, {13, 5, 7, 3, 9, 71}, {8, 16, 1, 1, 0, 200}, {3, 4, 7, 9, 27, 300},
        {1, 24, 7, 1, 3, 49}, {24, 1, 7, 1, 3, 130}, {9, 7, 3, 1, 1, 48}, {8, 8, 2, 1, 1, 17},
    };

    @Test
    void matchesReferenceOnWholeSequences() {
        Random rnd = new Random(1);
        for (int[] s : SHAPES) {
            check(rnd, s, 0, s[5], false);
        }
    }

    @Test
    void matchesReferenceOnInnerWindowsAndInResidualMode() {
        Random rnd = new Random(2);
        for (int[] s : SHAPES) {
            int len = s[5];
            check(rnd, s, len / 3, len - len / 4, false);
            check(rnd, s, 0, len / 2, true);
            check(rnd, s, len / 2, len, true);
        }
    }

    /** Computes output window [a, b) of a length-len sequence from exactly the input window it needs. */
    private static void check(Random rnd, int[] s, int a, int b, boolean add) {
        int out = s[0], in = s[1], taps = s[2], dil = s[3], pad = s[4], len = s[5];
        float[] w = gaussian(rnd, out * in * taps, 0.3);
        float[] bias = gaussian(rnd, out, 0.1);
        Signal full = random(rnd, in, 0, len);
        Signal x = window(full, Math.max(0, a - pad), Math.min(len, b - pad + (taps - 1) * dil));
        Signal y = random(rnd, out, a, b - a);
        Signal expected = window(y, a, b);
        Conv1dReference.forward(w, bias, out, in, taps, 1, dil, pad, full, len, expected, add);
        Conv1d.pack(w, bias, out, in, taps, dil, pad).run(x, y, add);
        assertClose(expected, y, 2e-5, "conv out=" + out + " in=" + in + " taps=" + taps + " dil=" + dil
                + " window [" + a + "," + b + ") add=" + add);
    }

    /** snake fused into the input packing equals snake then convolution, for plain and transposed convs. */
    @Test
    void fusedSnakeMatchesSnakeThenConv() {
        Random rnd = new Random(8);
        int in = 11, out = 9, len = 150;
        float[] alpha = new float[in];
        for (int i = 0; i < in; i++) {
            alpha[i] = 0.5f + 1.5f * rnd.nextFloat();
        }
        Signal x = random(rnd, in, 0, len);
        Signal snaked = new Signal().shape(in, 0, len);
        SnakeReference.apply(x, alpha, snaked);
        float[] w = gaussian(rnd, out * in * 7, 0.3);
        float[] b = gaussian(rnd, out, 0.1);
        Conv1d conv = Conv1d.pack(w, b, out, in, 7, 3, 9);
        Signal expected = random(rnd, out, 20, 100);
        Signal y = window(expected, 20, 120);
        Conv1dReference.forward(w, b, out, in, 7, 1, 3, 9, snaked, len, expected, true);
        conv.forwardAdd(x, alpha, y);
        assertClose(expected, y, 2e-5, "snake+conv (residual)");

        float[] wt = gaussian(rnd, in * out * 8, 0.3);
        ConvTranspose1d convT = ConvTranspose1d.pack(wt, b, in, out, 8, 4, 2);
        Signal expectedT = new Signal().shape(out, 0, len * 4);
        ConvTranspose1dReference.forward(wt, b, in, out, 8, 4, 2, snaked, len, expectedT);
        Signal yt = new Signal().shape(out, 0, len * 4);
        convT.forward(x, alpha, yt);
        assertClose(expectedT, yt, 2e-5, "snake+transposed conv");
    }

    @Test
    void resultDoesNotDependOnTheWindow() {
        Random rnd = new Random(3);
        float[] w = gaussian(rnd, 16 * 12 * 7, 0.3);
        Conv1d conv = Conv1d.pack(w, null, 16, 12, 7, 3, 9);
        Signal x = random(rnd, 12, 0, 500);
        Signal whole = new Signal().shape(16, 0, 500);
        conv.forward(x, whole);
        Signal part = new Signal().shape(16, 123, 211);
        conv.forward(x, part);
        for (int c = 0; c < 16; c++) {
            float[] e = new float[211];
            float[] g = new float[211];
            System.arraycopy(whole.data(), whole.index(c, 123), e, 0, 211);
            System.arraycopy(part.data(), part.index(c, 123), g, 0, 211);
            assertArrayEquals(e, g, "channel " + c + " must be bit-identical whatever the window");
        }
    }

    @Test
    void refusesAWindowThatReadsOutsideItsInput() {
        Random rnd = new Random(4);
        Conv1d conv = Conv1d.pack(gaussian(rnd, 8 * 8 * 7, 1), null, 8, 8, 7, 9, 27);
        Signal x = random(rnd, 8, 130, 20);
        assertThrows(IllegalArgumentException.class, () -> conv.forward(x, new Signal().shape(8, 100, 50)));
    }
}
