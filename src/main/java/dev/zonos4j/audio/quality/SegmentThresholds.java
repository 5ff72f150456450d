package dev.zonos4j.audio.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * When a generated segment is flagged. Defaults (README, "Quality checks"): Zonos speaks about 15 phonemes per
 * second by default, so below 6 means rambling or stretched speech and above 30 a truncated segment; a segment less
 * than 40% speech, or with a silence longer than 1.5 s, ran on; clipping as for reference clips; a loudness step of
 * more than 6 LU from a neighbour is audible.
 */
public record SegmentThresholds(double minPhonemesPerSecond, double maxPhonemesPerSecond, double minSpeechRatio,
                                double maxSilenceSeconds, double maxClippingRatio, double maxLoudnessStepLu) {

    public static final SegmentThresholds DEFAULTS = new SegmentThresholds(6, 30, 0.4, 1.5, 0.001, 6);

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
    }

    /**
     * The reasons a segment is flagged (empty: it passed).
     *
     * @param loudnessStepLu the largest loudness difference to a neighbouring segment (NaN when none is known)
     */
    public List<String> judge(SegmentMeasures m, double loudnessStepLu) {
        List<String> reasons = new ArrayList<>();
        if (m.speechSeconds() == 0) {
            reasons.add("no speech found");
            return reasons;
        }
        double rate = m.phonemesPerSecond();
        if (rate < minPhonemesPerSecond) {
            reasons.add(String.format(Locale.ROOT, "runaway: %.1f phonemes/s of speech (want at least %.1f)", rate,
                    minPhonemesPerSecond));
        }
        if (rate > maxPhonemesPerSecond) {
            reasons.add(String.format(Locale.ROOT, "truncated: %.1f phonemes/s of speech (want at most %.1f)", rate,
                    maxPhonemesPerSecond));
        }
        if (m.speechRatio() < minSpeechRatio) {
            reasons.add(String.format(Locale.ROOT, "mostly silence: %.0f%% speech (want at least %.0f%%)",
                    100 * m.speechRatio(), 100 * minSpeechRatio));
        }
        if (m.longestSilenceSeconds() > maxSilenceSeconds) {
            reasons.add(String.format(Locale.ROOT, "long silence: %.2f s (at most %.2f s)", m.longestSilenceSeconds(),
                    maxSilenceSeconds));
        }
        if (m.clippingRatio() > maxClippingRatio) {
            reasons.add(String.format(Locale.ROOT, "clipped: %.2f%% of samples at full scale (at most %.2f%%)",
                    100 * m.clippingRatio(), 100 * maxClippingRatio));
        }
        if (loudnessStepLu > maxLoudnessStepLu) {
            reasons.add(String.format(Locale.ROOT, "loudness step: %.1f LU from a neighbour (at most %.1f LU)",
                    loudnessStepLu, maxLoudnessStepLu));
        }
        return reasons;
    }
}
