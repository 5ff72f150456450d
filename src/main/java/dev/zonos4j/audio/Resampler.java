package dev.zonos4j.audio;

import dev.zonos4j.util.InvalidInputException;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Band-limited resampling exactly as torchaudio does it by default: a Hann-windowed sinc
 * (lowpass width 6 zero crossings, rolloff 0.99) evaluated for each of the {@code n} output phases,
 * applied as a strided correlation over the zero-padded input, for any pair of integer rates.
 *
 * <p>With {@code g = gcd(from, to)}, {@code o = from/g}, {@code n = to/g}: input window {@code q} (samples
 * {@code q·o − width .. q·o + o + width − 1}, zeros outside the signal) yields output samples
 * {@code q·n .. q·n + n − 1}, and the output is cut to {@code ⌈n·N/o⌉} samples. Equal rates copy the input.
 * Use {@link #stream} to resample audio that arrives in blocks; it produces the same samples.
 */
public final class Resampler {

    /** Which of torchaudio's two kernel constructions to reproduce (they differ by up to ~6e-6). */
    public enum Variant {
        /** {@code torchaudio.functional.resample}: kernel built in float32 arithmetic (the DAC preprocessing path). */
        FUNCTIONAL,
        /** {@code torchaudio.transforms.Resample}: kernel built in float64, phase j/n divided in float32 (the speaker path). */
        TRANSFORM
    }

    static final int LOWPASS_WIDTH = 6;
    static final double ROLLOFF = 0.99;
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private final int fromRate;
    private final int toRate;
    private final int o;
    private final int n;
    private final int width;
    private final int taps;
    private final float[] kernel; // (n, taps): phase j's correlation kernel
    private final int phasesPadded;
    private final float[] byTap;  // (taps, phasesPadded): the kernel transposed, zero past n

    private Resampler(int fromRate, int toRate, Variant variant) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new InvalidInputException("sample rates must be positive, got " + fromRate + " Hz -> " + toRate + " Hz");
        }
        this.fromRate = fromRate;
        this.toRate = toRate;
        int g = gcd(fromRate, toRate);
        this.o = fromRate / g;
        this.n = toRate / g;
        double base = Math.min(o, n) * ROLLOFF;
        this.width = (int) Math.ceil(LOWPASS_WIDTH * o / base);
        this.taps = o + 2 * width;
        this.kernel = variant == Variant.TRANSFORM ? transformKernel() : functionalKernel();
        this.phasesPadded = (n + S.length() - 1) / S.length() * S.length();
        this.byTap = new float[taps * phasesPadded];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < taps; i++) {
                byTap[i * phasesPadded + j] = kernel[j * taps + i];
            }
        }
    }

    public static Resampler of(int fromRate, int toRate, Variant variant) {
        return new Resampler(fromRate, toRate, variant);
    }

    /** The float64 construction; the phase offset j/n is a float32 quotient, as torch divides an int64 tensor. */
    private float[] transformKernel() {
        double base = Math.min(o, n) * ROLLOFF;
        float[] k = new float[n * taps];
        for (int j = 0; j < n; j++) {
            double phase = (float) j / (float) n;
            for (int i = 0; i < taps; i++) {
                double t = (-phase + (double) (i - width) / o) * base;
                t = Math.clamp(t, -LOWPASS_WIDTH, LOWPASS_WIDTH);
                double w = Math.cos(t * Math.PI / LOWPASS_WIDTH / 2);
                double pt = t * Math.PI;
                double sinc = pt == 0 ? 1.0 : Math.sin(pt) / pt;
                k[j * taps + i] = (float) (sinc * (w * w * (base / o)));
            }
        }
        return k;
    }

    /** The float32 construction: every intermediate rounds to float as torch's float32 tensor ops do. */
    private float[] functionalKernel() {
        float base = (float) (Math.min(o, n) * ROLLOFF);
        float scale = (float) (Math.min(o, n) * ROLLOFF / o);
        float pi = (float) Math.PI;
        float[] k = new float[n * taps];
        for (int j = 0; j < n; j++) {
            float phase = (float) -j / (float) n;
            for (int i = 0; i < taps; i++) {
                float idx = (float) (i - width) / (float) o;
                float t = (phase + idx) * base;
                t = Math.clamp(t, -LOWPASS_WIDTH, LOWPASS_WIDTH);
                float c = (float) Math.cos(t * pi / LOWPASS_WIDTH / 2);
                float w = c * c;
                float pt = t * pi;
                float sinc = pt == 0 ? 1f : (float) Math.sin(pt) / pt;
                k[j * taps + i] = sinc * (w * scale);
            }
        }
        return k;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    public int fromRate() {
        return fromRate;
    }

    public int toRate() {
        return toRate;
    }

    /** Zero padding on the left of the input, in input samples ({@code ⌈6·o / (0.99·min(o,n))⌉}). */
    public int width() {
        return width;
    }

    /** The kernels, shape (n, o + 2·width), as torchaudio lays them out. */
    public float[] kernel() {
        return kernel.clone();
    }

    public int phases() {
        return n;
    }

    public int taps() {
        return taps;
    }

    /** The output length for {@code inputLength} input samples: {@code ⌈n·N/o⌉}. */
    public long outputLength(long inputLength) {
        return fromRate == toRate ? inputLength : Math.ceilDiv(n * inputLength, o);
    }

    /** Resamples one channel. */
    public float[] resample(float[] samples) {
        if (fromRate == toRate) {
            return samples.clone();
        }
        Stream s = stream(1);
        float[] head = s.push(new float[][] {samples})[0];
        float[] tail = s.finish()[0];
        float[] out = new float[head.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }

    /** Resamples each channel independently. */
    public float[][] resample(float[][] channels) {
        float[][] out = new float[channels.length][];
        for (int c = 0; c < channels.length; c++) {
            out[c] = resample(channels[c]);
        }
        return out;
    }

    /** A resampler for audio that arrives block by block, with {@code channels} channels. */
    public Stream stream(int channels) {
        if (channels < 1) {
            throw new InvalidInputException("channel count must be at least 1, got " + channels);
        }
        return new Stream(channels);
    }

    /**
     * Streaming state: the input tail still needed by windows not yet computed. Each output sample is
     * computed from the same samples in the same order as in one-shot use, so the results are identical.
     */
    public final class Stream {
        private final float[][] pending; // per channel: input from sample (next·o − width) on
        private final float[] phaseOut = new float[phasesPadded];
        private int pendingLength;
        private long received;
        private long nextWindow;
        private long emitted;
        private boolean finished;

        private Stream(int channels) {
            pending = new float[channels][Math.max(64, 2 * taps)];
            // the left zero padding of width samples
            pendingLength = fromRate == toRate ? 0 : width;
        }

        /** Feeds a block (one array per channel, equal lengths) and returns the output it completes. */
        public float[][] push(float[][] block) {
            checkBlock(block);
            if (fromRate == toRate) {
                received += block[0].length;
                float[][] copy = new float[block.length][];
                for (int c = 0; c < block.length; c++) {
                    copy[c] = block[c].clone();
                }
                emitted += block[0].length;
                return copy;
            }
            int len = block[0].length;
            ensureCapacity(pendingLength + len);
            for (int c = 0; c < pending.length; c++) {
                System.arraycopy(block[c], 0, pending[c], pendingLength, len);
            }
            pendingLength += len;
            received += len;
            // window q is complete once input up to q·o + o + width − 1 has arrived
            long ready = Math.max(0, Math.floorDiv(received - o - width, (long) o) + 1);
            return emit(ready - nextWindow, Long.MAX_VALUE, true);
        }

        /** Ends the stream: computes the remaining windows over the zero padding and cuts to ⌈n·N/o⌉. */
        public float[][] finish() {
            if (finished) {
                throw new IllegalStateException("resampling stream already finished");
            }
            finished = true;
            if (fromRate == toRate) {
                return new float[pending.length][0];
            }
            long windows = received / o + 1;
            ensureCapacity(pendingLength + taps + o);
            return emit(windows - nextWindow, outputLength(received), false);
        }

        private float[][] emit(long windows, long limit, boolean keepTail) {
            int count = (int) Math.max(0, Math.min(windows * n, limit - emitted));
            float[][] out = new float[pending.length][count];
            for (int w = 0; w < windows && w * n < count; w++) {
                for (int c = 0; c < pending.length; c++) {
                    window(pending[c], w * o, phaseOut);
                    System.arraycopy(phaseOut, 0, out[c], w * n, Math.min(n, count - w * n));
                }
            }
            int consumed = (int) (windows * o);
            if (keepTail && consumed > 0) {
                for (float[] p : pending) {
                    System.arraycopy(p, consumed, p, 0, pendingLength - consumed);
                    java.util.Arrays.fill(p, pendingLength - consumed, pendingLength, 0f);
                }
                pendingLength -= consumed;
            }
            nextWindow += windows;
            emitted += count;
            return out;
        }

        private void ensureCapacity(int needed) {
            if (needed > pending[0].length) {
                int size = Math.max(needed, pending[0].length * 2);
                for (int c = 0; c < pending.length; c++) {
                    pending[c] = java.util.Arrays.copyOf(pending[c], size);
                }
            }
        }

        private void checkBlock(float[][] block) {
            if (finished) {
                throw new IllegalStateException("resampling stream already finished");
            }
            if (block.length != pending.length) {
                throw new InvalidInputException("expected " + pending.length + " channels, got " + block.length);
            }
            for (float[] ch : block) {
                if (ch.length != block[0].length) {
                    throw new InvalidInputException("channels of one block must have equal lengths, got "
                            + block[0].length + " and " + ch.length);
                }
            }
        }
    }

    /**
     * All n outputs of the window starting at x[start]: out[j] = Σ_i kernel[j][i]·x[start + i], the phases
     * in vector lanes, each lane accumulating its taps in order with fused multiply-adds.
     */
    private void window(float[] x, int start, float[] out) {
        for (int j = 0; j < phasesPadded; j += S.length()) {
            FloatVector acc = FloatVector.zero(S);
            for (int i = 0; i < taps; i++) {
                acc = FloatVector.fromArray(S, byTap, i * phasesPadded + j).fma(FloatVector.broadcast(S, x[start + i]), acc);
            }
            acc.intoArray(out, j);
        }
    }

    /**
     * Plain one-shot reference for tests, following the definition: zero-pad by width on the left and
     * width + o on the right, correlate each phase kernel with stride o, interleave, cut to ⌈n·N/o⌉.
     */
    public float[] reference(float[] x) {
        if (fromRate == toRate) {
            return x.clone();
        }
        int len = x.length;
        float[] padded = new float[width + len + width + o];
        System.arraycopy(x, 0, padded, width, len);
        int windows = (padded.length - taps) / o + 1;
        float[] out = new float[(int) outputLength(len)];
        for (int q = 0; q < windows; q++) {
            for (int j = 0; j < n; j++) {
                int at = q * n + j;
                if (at >= out.length) {
                    return out;
                }
                float sum = 0;
                for (int i = 0; i < taps; i++) {
                    sum += kernel[j * taps + i] * padded[q * o + i];
                }
                out[at] = sum;
            }
        }
        return out;
    }
}
