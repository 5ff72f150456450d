package dev.zonos4j.audio;

/**
 * Integrated loudness per ITU-R BS.1770-4, in LUFS (= LKFS). K-weighting is the two-stage filter of the
 * recommendation, derived for the clip's own sample rate from its analog design (shelf and high-pass corner,
 * Q and gain) by the bilinear transform with pre-warping, which at 48 kHz gives the coefficients printed in the
 * recommendation. Gating: 400 ms blocks overlapping by 75 %, absolute gate at -70 LUFS, relative gate 10 LU below
 * the absolutely gated level. Every channel has weight 1 (the recommendation's weight for L, R and C; mono and
 * stereo clips need no other). A clip shorter than one block is measured as a single block of its own length.
 */
public final class Loudness {

    public static final double ABSOLUTE_GATE_LUFS = -70.0;
    public static final double RELATIVE_GATE_LU = -10.0;
    private static final double OFFSET = -0.691;

    /** Stage 1: high shelf modelling the head, about +4 dB above 2 kHz. */
    private static final double SHELF_HZ = 1681.974450955533;
    private static final double SHELF_GAIN_DB = 3.999843853973347;
    private static final double SHELF_Q = 0.7071752369554196;
    /** Exponent that places the shelf's mid-band gain so the 48 kHz design matches the published one. */
    private static final double SHELF_BAND_EXPONENT = 0.4996667741545416;
    /** Stage 2: the RLB high-pass. */
    private static final double HIGHPASS_HZ = 38.13547087602444;
    private static final double HIGHPASS_Q = 0.5003270373238773;

    private Loudness() {
    }

    /** A normalised biquad: y = b0 x + b1 x1 + b2 x2 - a1 y1 - a2 y2. */
    public record Biquad(double b0, double b1, double b2, double a1, double a2) {
    }

    /** The K-weighting shelf (stage 1) for a sample rate. */
    public static Biquad shelf(int sampleRate) {
        double k = Math.tan(Math.PI * SHELF_HZ / sampleRate);
        double vh = Math.pow(10, SHELF_GAIN_DB / 20);
        double vb = Math.pow(vh, SHELF_BAND_EXPONENT);
        double a0 = 1 + k / SHELF_Q + k * k;
        return new Biquad((vh + vb * k / SHELF_Q + k * k) / a0, 2 * (k * k - vh) / a0, (vh - vb * k / SHELF_Q + k * k) / a0,
                2 * (k * k - 1) / a0, (1 - k / SHELF_Q + k * k) / a0);
    }

    /** The K-weighting high-pass (stage 2) for a sample rate; the recommendation leaves its gain unnormalised. */
    public static Biquad highPass(int sampleRate) {
        double k = Math.tan(Math.PI * HIGHPASS_HZ / sampleRate);
        double a0 = 1 + k / HIGHPASS_Q + k * k;
        return new Biquad(1, -2, 1, 2 * (k * k - 1) / a0, (1 - k / HIGHPASS_Q + k * k) / a0);
    }

    /** Integrated loudness in LUFS; negative infinity for an empty clip or one with no block above the absolute gate. */
    public static double integrated(AudioClip clip) {
        int n = clip.frames();
        if (n == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        int rate = clip.sampleRate();
        // Gating blocks are 4 consecutive 100 ms steps; step boundaries are rounded so any rate works.
        int steps = (int) Math.floor(10.0 * n / rate);
        if (steps < 4) {
            double z = 0;
            for (float[] channel : clip.channels()) {
                z += stepEnergies(kWeighted(channel, rate), new int[] {0, n})[0] / n;
            }
            return z > 0 && lufs(z) > ABSOLUTE_GATE_LUFS ? lufs(z) : Double.NEGATIVE_INFINITY;
        }
        int[] bounds = new int[steps + 1];
        for (int s = 0; s <= steps; s++) {
            bounds[s] = (int) Math.round((double) s * rate / 10);
        }
        int blocks = steps - 3;
        double[] z = new double[blocks];
        for (float[] channel : clip.channels()) {
            double[] e = stepEnergies(kWeighted(channel, rate), bounds);
            for (int j = 0; j < blocks; j++) {
                z[j] += (e[j] + e[j + 1] + e[j + 2] + e[j + 3]) / (bounds[j + 4] - bounds[j]);
            }
        }
        double absolute = gatedMean(z, ABSOLUTE_GATE_LUFS);
        if (Double.isNaN(absolute)) {
            return Double.NEGATIVE_INFINITY;
        }
        double relative = lufs(absolute) + RELATIVE_GATE_LU;
        return lufs(gatedMean(z, Math.max(relative, ABSOLUTE_GATE_LUFS)));
    }

    /** Mean of the block energies whose loudness is above the gate; NaN when none is. */
    private static double gatedMean(double[] z, double gate) {
        double sum = 0;
        int count = 0;
        for (double v : z) {
            if (v > 0 && lufs(v) > gate) {
                sum += v;
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    private static double lufs(double meanSquare) {
        return OFFSET + 10 * Math.log10(meanSquare);
    }

    /** The K-weighted signal, in double, for one channel: the shelf and the high-pass in cascade (direct form I). */
    static double[] kWeighted(float[] x, int sampleRate) {
        double[] y = new double[x.length];
        Biquad s = shelf(sampleRate);
        Biquad h = highPass(sampleRate);
        double x1 = 0, x2 = 0; // shelf input history
        double m1 = 0, m2 = 0; // shelf output = high-pass input history
        double y1 = 0, y2 = 0; // high-pass output history
        for (int i = 0; i < x.length; i++) {
            double in = x[i];
            double mid = s.b0() * in + s.b1() * x1 + s.b2() * x2 - s.a1() * m1 - s.a2() * m2;
            double out = h.b0() * mid + h.b1() * m1 + h.b2() * m2 - h.a1() * y1 - h.a2() * y2;
            x2 = x1;
            x1 = in;
            m2 = m1;
            m1 = mid;
            y2 = y1;
            y1 = out;
            y[i] = out;
        }
        return y;
    }

    /** Sum of squares over each [bounds[s], bounds[s+1]). */
    private static double[] stepEnergies(double[] y, int[] bounds) {
        double[] e = new double[bounds.length - 1];
        for (int s = 0; s < e.length; s++) {
            double sum = 0;
            for (int i = bounds[s]; i < bounds[s + 1]; i++) {
                sum += y[i] * y[i];
            }
            e[s] = sum;
        }
        return e;
    }
}
