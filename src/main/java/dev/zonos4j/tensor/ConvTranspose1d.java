package dev.zonos4j.tensor;

/**
 * A 1-D transposed convolution (PyTorch {@code ConvTranspose1d}, output_padding 0, dilation 1):
 * input sample {@code i}, tap {@code j} lands on output {@code o = i·stride − pad + j}.
 *
 * <p>Computed as {@code stride} interleaved ordinary convolutions, one per output phase
 * {@code r = (o + pad) mod stride}: phase r at {@code q = (o + pad) div stride} sums taps
 * {@code j = r + m·stride} over inputs {@code q − m}. Each phase runs on the blocked {@link Conv1d} kernel into a
 * scratch signal, then is interleaved into the output.
 */
public final class ConvTranspose1d {
    private final int in;
    private final int out;
    private final int taps;
    private final int stride;
    private final int padding;
    private final Conv1d[] phases;

    private ConvTranspose1d(int in, int out, int taps, int stride, int padding, Conv1d[] phases) {
        this.in = in;
        this.out = out;
        this.taps = taps;
        this.stride = stride;
        this.padding = padding;
        this.phases = phases;
    }

    /** Packs {@code weight[in][out][taps]} (PyTorch ConvTranspose1d layout) and {@code bias[out]} (null for none). */
    public static ConvTranspose1d pack(float[] weight, float[] bias, int in, int out, int taps, int stride, int padding) {
        if (in < 1 || out < 1 || taps < 1 || stride < 1 || padding < 0 || padding >= taps) {
            throw new IllegalArgumentException("bad transposed conv shape in=" + in + " out=" + out + " taps=" + taps
                    + " stride=" + stride + " padding=" + padding);
        }
        if (weight.length != in * out * taps) {
            throw new IllegalArgumentException("weight holds " + weight.length + " values, expected " + in * out * taps);
        }
        Conv1d[] phases = new Conv1d[stride];
        for (int r = 0; r < stride; r++) {
            int n = r < taps ? (taps - r + stride - 1) / stride : 0;
            int pt = Math.max(n, 1);
            // phase tap jj reads input q − (pt−1) + jj, i.e. m = pt−1−jj inputs back, weight tap r + m·stride
            float[] w = new float[out * in * pt];
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    for (int jj = 0; jj < n; jj++) {
                        int j = r + (pt - 1 - jj) * stride;
                        w[(o * in + i) * pt + jj] = weight[(i * out + o) * taps + j];
                    }
                }
            }
            phases[r] = Conv1d.pack(w, bias, out, in, pt, 1, pt - 1);
        }
        return new ConvTranspose1d(in, out, taps, stride, padding, phases);
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
     * Writes the transposed convolution of {@code x} over the window of {@code y}, using {@code scratch} for one
     * phase at a time. {@code x}'s window must cover the inputs the output window reads, except at the true ends
     * of the sequence where its zero margins stand in.
     */
    public void forward(Signal x, Signal y, Signal scratch) {
        if (x.channels() != in || y.channels() != out) {
            throw new IllegalArgumentException("transposed conv " + in + "->" + out + " given " + x + " -> " + y);
        }
        for (int r = 0; r < stride; r++) {
            int qa = Math.ceilDiv(y.start() + padding - r, stride);
            int qb = Math.floorDiv(y.end() - 1 + padding - r, stride);
            if (qa > qb) {
                continue;
            }
            scratch.shape(out, qa, qb - qa + 1);
            phases[r].forward(x, scratch);
            interleave(scratch, y, r);
        }
    }

    private void interleave(Signal phase, Signal y, int r) {
        float[] src = phase.data();
        float[] dst = y.data();
        int q0 = phase.start();
        int n = phase.length();
        int s = stride;
        Parallel.forRange(out, 8, (from, to) -> {
            for (int o = from; o < to; o++) {
                int si = phase.index(o, q0);
                int di = y.index(o, q0 * s + r - padding);
                for (int q = 0; q < n; q++, di += s) {
                    dst[di] = src[si + q];
                }
            }
        });
    }
}
