package dev.zonos4j.audio;

import java.util.Arrays;

/**
 * Energy-based voice activity over 30 ms frames every 10 ms. A frame is speech when its power (about its own mean)
 * is above all of: the noise floor (10th percentile of frame powers) + 6 dB, the loud level (99th percentile)
 * - 45 dB, and -70 dBFS. Speech runs shorter than 50 ms are dropped (clicks), then gaps up to 100 ms inside speech
 * are filled (stops and short pauses belong to the phrase). The noise estimate averages the non-speech frames that
 * do not overlap speech; when there are too few (continuous speech), the noise floor percentile stands in.
 *
 * @param speech      one flag per hop of {@link #HOP_SECONDS}
 * @param speechPower mean power (mean square) of the speech frames, noise included; 0 without speech
 * @param noisePower  mean power of the frames judged to be noise only
 */
public record VoiceActivity(boolean[] speech, double speechPower, double noisePower) {

    public static final double HOP_SECONDS = 0.010;
    public static final double WINDOW_SECONDS = 0.030;
    static final double NOISE_MARGIN_DB = 6;
    static final double DYNAMIC_RANGE_DB = 45;
    static final double FLOOR_DBFS = -70;
    private static final double MIN_RUN_SECONDS = 0.050;
    private static final double MAX_GAP_SECONDS = 0.100;
    private static final int MIN_NOISE_FRAMES = 5;

    public static VoiceActivity detect(float[] mono, int sampleRate) {
        int hop = Math.max(1, (int) Math.round(HOP_SECONDS * sampleRate));
        int window = Math.max(hop, (int) Math.round(WINDOW_SECONDS * sampleRate));
        int n = mono.length;
        if (n == 0) {
            return new VoiceActivity(new boolean[0], 0, 0);
        }
        int frames = n <= window ? 1 : 1 + (n - window) / hop;
        double[] power = framePowers(mono, frames, hop, Math.min(window, n));
        double[] sorted = power.clone();
        Arrays.sort(sorted);
        if (sorted[frames - 1] == 0) {
            return new VoiceActivity(new boolean[frames], 0, 0);
        }
        double floor = sorted[(int) (0.10 * (frames - 1))];
        double loud = sorted[(int) Math.round(0.99 * (frames - 1))];
        double threshold = Math.max(Math.max(db(floor) + NOISE_MARGIN_DB, db(loud) - DYNAMIC_RANGE_DB), FLOOR_DBFS);
        boolean[] speech = new boolean[frames];
        for (int i = 0; i < frames; i++) {
            speech[i] = db(power[i]) > threshold;
        }
        setShortRuns(speech, true, (int) Math.round(MIN_RUN_SECONDS / HOP_SECONDS) - 1, false);
        setShortRuns(speech, false, (int) Math.round(MAX_GAP_SECONDS / HOP_SECONDS), true);
        return new VoiceActivity(speech, meanPower(power, speech), noise(power, speech, floor, window / hop));
    }

    /**
     * Seconds of speech. A run of k flagged frames spans (k - 1) hops plus one window, and frames that only
     * graze the speech at either end are flagged too, so each run counts as k hops less the window's overhang.
     */
    public double speechSeconds() {
        double overhang = WINDOW_SECONDS - HOP_SECONDS;
        double seconds = 0;
        int run = 0;
        for (int i = 0; i <= speech.length; i++) {
            if (i < speech.length && speech[i]) {
                run++;
            } else if (run > 0) {
                seconds += Math.max(HOP_SECONDS, run * HOP_SECONDS - overhang);
                run = 0;
            }
        }
        return seconds;
    }

    /**
     * Estimated signal-to-noise ratio of the speech in dB: NaN without speech, positive infinity when the
     * noise frames are digital silence.
     */
    public double snrDb() {
        if (speechPower == 0) {
            return Double.NaN;
        }
        if (noisePower == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double signal = Math.max(speechPower - noisePower, 1e-3 * noisePower);
        return 10 * Math.log10(signal / noisePower);
    }

    /** Each frame's variance: its power with its own mean (DC, rumble below ~30 Hz) taken out. */
    private static double[] framePowers(float[] x, int frames, int hop, int window) {
        double[] power = new double[frames];
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            double sumSquares = 0;
            for (int i = f * hop, end = i + window; i < end; i++) {
                sum += x[i];
                sumSquares += (double) x[i] * x[i];
            }
            double mean = sum / window;
            power[f] = Math.max(0, sumSquares / window - mean * mean);
        }
        return power;
    }

    /** Turns runs of {@code value} no longer than {@code maxLength} into {@code replacement}; gaps only between speech. */
    private static void setShortRuns(boolean[] flags, boolean value, int maxLength, boolean interiorOnly) {
        int i = 0;
        while (i < flags.length) {
            if (flags[i] != value) {
                i++;
                continue;
            }
            int start = i;
            while (i < flags.length && flags[i] == value) {
                i++;
            }
            boolean interior = start > 0 && i < flags.length;
            if (i - start <= maxLength && (interior || !interiorOnly)) {
                Arrays.fill(flags, start, i, !value);
            }
        }
    }

    /** Mean power of the noise frames at least {@code guard} frames away from speech, or the floor when too few. */
    private static double noise(double[] power, boolean[] speech, double floor, int guard) {
        boolean[] far = new boolean[speech.length];
        int lastSpeech = Integer.MIN_VALUE / 2;
        for (int i = 0; i < speech.length; i++) {
            if (speech[i]) {
                lastSpeech = i;
            }
            far[i] = !speech[i] && i - lastSpeech > guard;
        }
        int nextSpeech = Integer.MAX_VALUE / 2;
        int count = 0;
        for (int i = speech.length - 1; i >= 0; i--) {
            if (speech[i]) {
                nextSpeech = i;
            }
            far[i] &= nextSpeech - i > guard;
            count += far[i] ? 1 : 0;
        }
        return count >= MIN_NOISE_FRAMES ? meanPower(power, far) : floor;
    }

    /** Mean power of the frames flagged in {@code mask}; 0 when none is. */
    private static double meanPower(double[] power, boolean[] mask) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < power.length; i++) {
            if (mask[i]) {
                sum += power[i];
                count++;
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    private static double db(double power) {
        return 10 * Math.log10(Math.max(power, 1e-20));
    }
}
