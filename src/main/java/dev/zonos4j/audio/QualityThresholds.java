package dev.zonos4j.audio;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * When a reference clip is judged poor. The defaults are stated in the README ("Reference clips").
 *
 * @param minSpeechSeconds less speech than this is "too short" (upstream Zonos suggests 10 to 30 s of speech)
 * @param maxClippingRatio a larger fraction of samples at full scale is "clipped"
 * @param minSnrDb         a lower estimated speech-to-noise ratio is "noisy"
 * @param minLoudnessLufs  a lower integrated loudness is "quiet"
 */
public record QualityThresholds(double minSpeechSeconds, double maxClippingRatio, double minSnrDb, double minLoudnessLufs) {

    public static final QualityThresholds DEFAULTS = new QualityThresholds(5.0, 0.001, 20.0, -45.0);

    public QualityThresholds {
        if (!(minSpeechSeconds >= 0) || Double.isInfinite(minSpeechSeconds)) {
            throw new IllegalArgumentException("minimum speech must be a number of seconds >= 0, got " + minSpeechSeconds);
        }
        if (!(maxClippingRatio >= 0 && maxClippingRatio <= 1)) {
            throw new IllegalArgumentException("maximum clipping ratio must be in [0, 1], got " + maxClippingRatio);
        }
        if (!Double.isFinite(minSnrDb) || !Double.isFinite(minLoudnessLufs)) {
            throw new IllegalArgumentException("SNR and loudness thresholds must be finite, got " + minSnrDb + " dB and "
                    + minLoudnessLufs + " LUFS");
        }
    }

    /** The verdict on a clip: unusable when empty, silent or without speech; poor with the reasons; else good. */
    public QualityReport judge(ClipMeasures m) {
        if (m.empty()) {
            return unusable(m, "empty: the clip has no samples");
        }
        if (m.peakDbfs() == Double.NEGATIVE_INFINITY) {
            return unusable(m, "silent: every sample is zero");
        }
        if (m.silent()) {
            return unusable(m, String.format(Locale.ROOT, "silent: nothing louder than %.0f LUFS", Loudness.ABSOLUTE_GATE_LUFS));
        }
        if (m.speechSeconds() == 0) {
            return unusable(m, "no speech found");
        }
        List<String> reasons = new ArrayList<>();
        if (m.speechSeconds() < minSpeechSeconds) {
            reasons.add(String.format(Locale.ROOT, "too short: %.1f s of speech (want at least %.1f s)",
                    m.speechSeconds(), minSpeechSeconds));
        }
        if (m.clippingRatio() > maxClippingRatio) {
            reasons.add(String.format(Locale.ROOT, "clipped: %.2f%% of samples at full scale (at most %.2f%%)",
                    100 * m.clippingRatio(), 100 * maxClippingRatio));
        }
        if (m.snrDb() < minSnrDb) {
            reasons.add(String.format(Locale.ROOT, "noisy: estimated SNR %.1f dB (want at least %.1f dB)", m.snrDb(), minSnrDb));
        }
        if (m.loudnessLufs() < minLoudnessLufs) {
            reasons.add(String.format(Locale.ROOT, "quiet: %.1f LUFS (want at least %.1f LUFS)", m.loudnessLufs(), minLoudnessLufs));
        }
        return new QualityReport(m, reasons.isEmpty() ? QualityReport.Verdict.GOOD : QualityReport.Verdict.POOR, reasons);
    }

    private static QualityReport unusable(ClipMeasures m, String reason) {
        return new QualityReport(m, QualityReport.Verdict.UNUSABLE, List.of(reason));
    }
}
