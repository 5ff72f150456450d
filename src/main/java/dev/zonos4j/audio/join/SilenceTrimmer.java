package dev.zonos4j.audio.join;

/**
 * Finds where the sound of a segment starts and ends. Levels are measured in 10 ms frames; the segment's speech
 * level is the 90th percentile of its frame levels (the loud part of speech, robust to a stray click), and frames
 * within {@code thresholdDb} of it (and above the absolute floor) are sound. The cut is placed at the first and
 * last sample that reach the threshold inside those frames, widened by the margin.
 */
public final class SilenceTrimmer {
    private static final double SPEECH_PERCENTILE = 0.90;

    private SilenceTrimmer() {
    }

    /** The part of a segment that is kept, and the threshold that decided it. */
    public record Range(int from, int to, double speechDb, double thresholdDbfs) {
        public boolean isEmpty() {
            return to <= from;
        }

        public int length() {
            return Math.max(0, to - from);
        }
    }

    /** The kept range of {@code x}; empty when nothing reaches the threshold (a silent segment). */
    public static Range find(float[] x, JoinConfig cfg) {
        int frame = cfg.frameSamples();
        int frames = (x.length + frame - 1) / frame;
        if (frames == 0) {
            return new Range(0, 0, Double.NEGATIVE_INFINITY, cfg.floorDbfs());
        }
        double[] db = frameLevels(x, 0, x.length, frame);
        double speech = percentile(db, SPEECH_PERCENTILE);
        double threshold = Math.max(speech + cfg.thresholdDb(), cfg.floorDbfs());
        if (speech < cfg.floorDbfs()) {
            return new Range(0, 0, speech, threshold);
        }
        if (!cfg.trim()) {
            return new Range(0, x.length, speech, threshold);
        }
        int first = 0;
        while (first < frames && db[first] < threshold) {
            first++;
        }
        int last = frames - 1;
        while (last >= first && db[last] < threshold) {
            last--;
        }
        // A frame whose RMS reaches the threshold holds at least one sample whose magnitude does.
        float amp = (float) Math.pow(10, threshold / 20);
        int start = first * frame;
        int frameEnd = Math.min(x.length, start + frame);
        while (start < frameEnd - 1 && Math.abs(x[start]) < amp) {
            start++;
        }
        int end = Math.min(x.length, (last + 1) * frame) - 1;
        while (end > last * frame && Math.abs(x[end]) < amp) {
            end--;
        }
        int margin = cfg.marginSamples();
        return new Range(Math.max(0, start - margin), Math.min(x.length, end + 1 + margin), speech, threshold);
    }

    /** The energy level (dB re full scale) of the sound frames of x[from, to): the default loudness measure. */
    public static double activeLevelDb(float[] x, int from, int to, JoinConfig cfg) {
        int frame = cfg.frameSamples();
        double[] db = frameLevels(x, from, to, frame);
        if (db.length == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double threshold = Math.max(percentile(db, SPEECH_PERCENTILE) + cfg.thresholdDb(), cfg.floorDbfs());
        double energy = 0;
        int n = 0;
        for (double d : db) {
            if (d >= threshold) {
                energy += Math.pow(10, d / 10);
                n++;
            }
        }
        return n == 0 ? Double.NEGATIVE_INFINITY : 10 * Math.log10(energy / n);
    }

    /** Mean-square level in dB of each frame of x[from, to) (the last frame may be short). */
    static double[] frameLevels(float[] x, int from, int to, int frame) {
        int frames = (to - from + frame - 1) / frame;
        double[] db = new double[frames];
        for (int f = 0; f < frames; f++) {
            int a = from + f * frame;
            int b = Math.min(to, a + frame);
            double sum = 0;
            for (int i = a; i < b; i++) {
                sum += (double) x[i] * x[i];
            }
            db[f] = 10 * Math.log10(sum / (b - a) + 1e-30);
        }
        return db;
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }
}
