package dev.zonos4j.audio.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * When a generated segment is flagged. Defaults (README, "Quality checks"): Zonos speaks about 15 phonemes per
 * second by default, so below 6 means rambling or stretched speech and above 30 a truncated segment; a segment less
 * than 40% speech, or with a silence longer than 1.5 s, ran on; clipping as for reference clips; a loudness step of
 * more than 6 LU from a neighbour is audible; a voice embedding whose cosine with the reference voice's is below 0.5
 * is another voice (speaker-verification embeddings of one speaker usually agree well above that).
 */
public record SegmentThresholds(double minPhonemesPerSecond, double maxPhonemesPerSecond, double minSpeechRatio,
                                double maxSilenceSeconds, double maxClippingRatio, double maxLoudnessStepLu,
                                double minVoiceSimilarity) {

    public static final SegmentThresholds DEFAULTS = new SegmentThresholds(6, 30, 0.4, 1.5, 0.001, 6, 0.5);

    /** Counted for "no speech found", worse than any measure past its bound by a plausible margin. */
    private static final double NO_SPEECH_EXCESS = 10;

    public SegmentThresholds {
        if (!(minPhonemesPerSecond >= 0 && maxPhonemesPerSecond > minPhonemesPerSecond)) {
            throw new IllegalArgumentException("speaking-rate bounds must satisfy 0 <= min < max, got "
                    + minPhonemesPerSecond + " and " + maxPhonemesPerSecond);
        }
        if (!(minSpeechRatio >= 0 && minSpeechRatio <= 1)) {
            throw new IllegalArgumentException("minimum speech ratio must be in [0, 1], got " + minSpeechRatio);
        }
        if (!(maxSilenceSeconds > 0) || !(maxClippingRatio >= 0 && maxClippingRatio <= 1) || !(maxLoudnessStepLu > 0)) {
            throw new IllegalArgumentException("silence and loudness-step bounds must be > 0 and clipping in [0, 1]");
        }
        if (!(minVoiceSimilarity >= -1 && minVoiceSimilarity <= 1)) {
            throw new IllegalArgumentException("minimum voice similarity is a cosine in [-1, 1], got " + minVoiceSimilarity);
        }
    }

    /**
     * Why a segment is flagged, and by how much.
     *
     * @param reasons one line per failed check (empty: it passed)
     * @param excess  the sum over failed checks of how far the measure lies past its bound, relative to the bound
     */
    public record Judgement(List<String> reasons, double excess) implements Comparable<Judgement> {
        public Judgement {
            reasons = List.copyOf(reasons);
        }

        public boolean flagged() {
            return !reasons.isEmpty();
        }

        /** Better first: fewer reasons, then less excess. */
        @Override
        public int compareTo(Judgement o) {
            int byCount = Integer.compare(reasons.size(), o.reasons.size());
            return byCount != 0 ? byCount : Double.compare(excess, o.excess);
        }
    }

    /** The reasons a segment is flagged (empty: it passed), voice not measured. */
    public List<String> judge(SegmentMeasures m, double loudnessStepLu) {
        return assess(m, loudnessStepLu, Double.NaN).reasons();
    }

    /**
     * Judges a segment.
     *
     * @param loudnessStepLu  the largest loudness difference to a neighbouring segment (NaN when none is known)
     * @param voiceSimilarity cosine of its voice embedding with the reference voice's (NaN when not measured)
     */
    public Judgement assess(SegmentMeasures m, double loudnessStepLu, double voiceSimilarity) {
        List<String> reasons = new ArrayList<>();
        double[] excess = {0};
        if (m.speechSeconds() == 0) {
            reasons.add("no speech found");
            return new Judgement(reasons, NO_SPEECH_EXCESS);
        }
        double rate = m.phonemesPerSecond();
        check(reasons, excess, rate < minPhonemesPerSecond, minPhonemesPerSecond - rate, minPhonemesPerSecond,
                "runaway: %.1f phonemes/s of speech (want at least %.1f)", rate, minPhonemesPerSecond);
        check(reasons, excess, rate > maxPhonemesPerSecond, rate - maxPhonemesPerSecond, maxPhonemesPerSecond,
                "truncated: %.1f phonemes/s of speech (want at most %.1f)", rate, maxPhonemesPerSecond);
        check(reasons, excess, m.speechRatio() < minSpeechRatio, minSpeechRatio - m.speechRatio(), minSpeechRatio,
                "mostly silence: %.0f%% speech (want at least %.0f%%)", 100 * m.speechRatio(), 100 * minSpeechRatio);
        check(reasons, excess, m.longestSilenceSeconds() > maxSilenceSeconds, m.longestSilenceSeconds() - maxSilenceSeconds,
                maxSilenceSeconds, "long silence: %.2f s (at most %.2f s)", m.longestSilenceSeconds(), maxSilenceSeconds);
        check(reasons, excess, m.clippingRatio() > maxClippingRatio, m.clippingRatio() - maxClippingRatio,
                maxClippingRatio, "clipped: %.2f%% of samples at full scale (at most %.2f%%)", 100 * m.clippingRatio(),
                100 * maxClippingRatio);
        check(reasons, excess, loudnessStepLu > maxLoudnessStepLu, loudnessStepLu - maxLoudnessStepLu, maxLoudnessStepLu,
                "loudness step: %.1f LU from a neighbour (at most %.1f LU)", loudnessStepLu, maxLoudnessStepLu);
        check(reasons, excess, voiceSimilarity < minVoiceSimilarity, minVoiceSimilarity - voiceSimilarity,
                Math.abs(minVoiceSimilarity), "other voice: similarity %.2f to the reference (want at least %.2f)",
                voiceSimilarity, minVoiceSimilarity);
        return new Judgement(reasons, excess[0]);
    }

    private static void check(List<String> reasons, double[] excess, boolean failed, double past, double bound,
            String format, double value, double limit) {
        if (failed) {
            reasons.add(String.format(Locale.ROOT, format, value, limit));
            excess[0] += past / Math.max(bound, 1e-9);
        }
    }
}
