package dev.zonos4j.tensor;

/**
 * A strided 1-D convolution {@code y[o][t] = b[o] + Σ_i Σ_j w[o][i][j] · x[i][t·stride + j − pad]} (dilation 1).
 *
 * <p>The input is split into its {@code stride} phases {@code x_r[q] = x[q·stride + r]}, which turns the strided
 * convolution into a stride-1 one over {@code in·stride} phase channels with a few taps each; that runs on the
 * blocked {@link Conv1d} kernel. Taps with no counterpart get zero weights.
 */
public final class StridedConv1d {
    private final int in;
    private final int out;
    private final int taps;
    private final int stride;
    private final int padding;
    private final int shiftMin; // tap j reads phase (j−pad) mod stride at q = t + floorDiv(j−pad, stride)
    private final Conv1d phaseConv;

    private StridedConv1d(int in, int out, int taps, int stride, int padding, int shiftMin, Conv1d phaseConv) {
        this.in = in;
        this.out = out;
        this.taps = taps;
        this.stride = stride;
        this.padding = padding;
        this.shiftMin = shiftMin;
        this.phaseConv = phaseConv;
    }

    /** Packs {@code weight[out][in][taps]} and {@code bias[out]} (null for none). */
    public static StridedConv1d pack(float[] weight, float[] bias, int out, int in, int taps, int stride, int padding) {
        if (in < 1 || out < 1 || taps < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException("bad strided conv shape out=" + out + " in=" + in + " taps=" + taps
                    + " stride=" + stride + " padding=" + padding);
        }
        if (weight.length != out * in * taps) {
            throw new IllegalArgumentException("weight holds " + weight.length + " values, expected " + out * in * taps);
        }
        int mMin = Math.floorDiv(-padding, stride);
        int mMax = Math.floorDiv(taps - 1 - padding, stride);
        int pt = mMax - mMin + 1;
        int pin = in * stride;
        float[] w = new float[out * pin * pt];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                for (int j = 0; j < taps; j++) {
                    int r = Math.floorMod(j - padding, stride);
                    int m = Math.floorDiv(j - padding, stride);
                    w[(o * pin + i * stride + r) * pt + (m - mMin)] = weight[(o * in + i) * taps + j];
                }
            }
        }
        return new StridedConv1d(in, out, taps, stride, padding, mMin, Conv1d.pack(w, bias, out, pin, pt, 1, -mMin));
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

    /** Multiply-adds per output sample (as the plain strided convolution counts them). */
    public long macsPerOutputSample() {
        return (long) out * in * taps;
    }

    /**
     * Writes the convolution over the window of {@code y}. {@code x}'s window must cover the inputs the output
     * window reads, except at the true ends of the sequence where its zero margins stand in. {@code phases} is
     * scratch for the split input.
     */
    public void forward(Signal x, Signal y, Signal phases) {
        if (x.channels() != in || y.channels() != out) {
            throw new IllegalArgumentException("strided conv " + in + "->" + out + " given " + x + " -> " + y);
        }
        int last = (y.end() - 1) * stride - padding + taps - 1;
        int firstRead = y.start() * stride - padding;
        if (y.length() > 0 && (firstRead < x.start() - Signal.MARGIN || last >= x.end() + Signal.MARGIN)) {
            throw new IllegalArgumentException("strided conv output window [" + y.start() + ", " + y.end() + ") reads ["
                    + firstRead + ", " + last + "], outside the input window " + x + " and its margins");
        }
        int q0 = y.start() + shiftMin;
        int q1 = y.end() + (phaseConv.taps() - 1 + shiftMin);
        phases.shape(in * stride, q0, q1 - q0);
        split(x, phases);
        phaseConv.forward(phases, y);
    }

    /** phases[i·stride + r][q] = x[i][q·stride + r], reading zero outside x's window and margins. */
    private void split(Signal x, Signal phases) {
        float[] src = x.data();
        float[] dst = phases.data();
        int s = stride;
        int q0 = phases.start();
        int n = phases.length();
        int lo = x.start() - Signal.MARGIN;
        int hi = x.end() + Signal.MARGIN;
        Parallel.forRange(in, 4, (from, to) -> {
            for (int i = from; i < to; i++) {
                for (int r = 0; r < s; r++) {
                    int di = phases.index(i * s + r, q0);
                    for (int q = 0; q < n; q++) {
                        int t = (q0 + q) * s + r;
                        dst[di + q] = t >= lo && t < hi ? src[x.index(i, t)] : 0f;
                    }
                }
            }
        });
    }
}
