package dev.zonos4j.tensor;

/**
 * A 1-D transposed convolution (PyTorch {@code ConvTranspose1d}, output_padding 0, dilation 1):
 * input sample {@code i}, tap {@code j} lands on output {@code o = i·stride − pad + j}.
 *
 * <p>Computed as one ordinary convolution over the input with {@code stride} phases per output channel: output
 * {@code o} with {@code o + pad = q·stride + r} sums taps {@code j = r + m·stride} over inputs {@code q − m}, so
 * phase r is a convolution with {@code ceil(k/stride)} taps. The blocked {@link Conv1d} kernel computes all phases
 * as virtual output channels and interleaves them into the output as it writes.
 */
public final class ConvTranspose1d {
    private final int in;
    private final int out;
    private final int taps;
    private final int stride;
    private final int padding;
    private final Conv1d phased;

    private ConvTranspose1d(int in, int out, int taps, int stride, int padding, Conv1d phased) {
        this.in = in;
        this.out = out;
        this.taps = taps;
        this.stride = stride;
        this.padding = padding;
        this.phased = phased;
    }

    /** Packs {@code weight[in][out][taps]} (PyTorch ConvTranspose1d layout) and {@code bias[out]} (null for none). */
    public static ConvTranspose1d pack(float[] weight, float[] bias, int in, int out, int taps, int stride, int padding) {
        return pack(weight, bias, in, out, taps, stride, padding, ConvPrecision.F32);
    }

    /** {@link #pack} in the given precision (see {@link Conv1d}). */
    public static ConvTranspose1d pack(float[] weight, float[] bias, int in, int out, int taps, int stride, int padding,
            ConvPrecision precision) {
        if (in < 1 || out < 1 || taps < 1 || stride < 1 || padding < 0 || padding >= taps) {
            throw new IllegalArgumentException("bad transposed conv shape in=" + in + " out=" + out + " taps=" + taps
                    + " stride=" + stride + " padding=" + padding);
        }
        if (weight.length != in * out * taps) {
            throw new IllegalArgumentException("weight holds " + weight.length + " values, expected " + in * out * taps);
        }
        int pt = Math.ceilDiv(taps, stride);
        // row o·stride + r, tap jj reads input q − (pt−1) + jj, i.e. m = pt−1−jj inputs back: weight tap r + m·stride
        float[] w = new float[out * stride * in * pt];
        for (int o = 0; o < out; o++) {
            for (int r = 0; r < stride; r++) {
                for (int i = 0; i < in; i++) {
                    for (int jj = 0; jj < pt; jj++) {
                        int j = r + (pt - 1 - jj) * stride;
                        if (j < taps) {
                            w[((o * stride + r) * in + i) * pt + jj] = weight[(i * out + o) * taps + j];
                        }
                    }
                }
            }
        }
        return new ConvTranspose1d(in, out, taps, stride, padding,
                Conv1d.pack(w, bias, out, in, pt, 1, pt - 1, stride, padding, precision));
    }

    public int inChannels() {
        return in;
    }

    public int outChannels() {
        return out;
    }

    public int stride() {
        return stride;
    }

    public int padding() {
        return padding;
    }

    public int taps() {
        return taps;
    }

    /** Multiply-adds per output sample. */
    public long macsPerOutputSample() {
        return (long) in * out * taps / stride;
    }

    /**
     * Writes the transposed convolution of {@code x} over the window of {@code y}. {@code x}'s window must cover
     * the inputs the output window reads, except at the true ends of the sequence where its zero margins stand in.
     */
    public void forward(Signal x, Signal y) {
        forward(x, null, y);
    }

    /** Same, of {@code snake(x)} with per-input-channel α (null for none), applied as the input is packed. */
    public void forward(Signal x, float[] snakeAlpha, Signal y) {
        if (x.channels() != in || y.channels() != out) {
            throw new IllegalArgumentException("transposed conv " + in + "->" + out + " given " + x + " -> " + y);
        }
        phased.forward(x, snakeAlpha, y);
    }
}
