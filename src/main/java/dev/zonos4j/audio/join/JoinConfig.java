package dev.zonos4j.audio.join;

import java.util.OptionalDouble;

/**
 * How segments are joined into one stream.
 *
 * @param sampleRate           samples per second of the segments (44,100 for DAC output)
 * @param pauseSeconds         digital silence inserted between two segments of one paragraph
 * @param paragraphPauseSeconds silence inserted after a segment that ends a paragraph (at least pauseSeconds)
 * @param crossfadeMs          length of the equal-power fade where audio meets audio or silence
 * @param trim                 whether leading and trailing silence is cut from each segment
 * @param thresholdDb          a 10 ms frame counts as sound when its level is at least this far below the segment's
 *                             speech level (the 90th percentile of its frame levels), e.g. -40
 * @param floorDbfs            frames quieter than this (dB re full scale) are never sound, however quiet the segment
 * @param marginMs             audio kept before the first and after the last sound frame, so soft onsets and
 *                             releases survive
 * @param matchLoudness        whether each segment is gained toward the target level
 * @param targetDb             the level every segment is gained toward, in the loudness function's unit (dBFS for the
 *                             default RMS, LUFS for BS.1770); empty = the level of the audio emitted so far (the first
 *                             segment sets it)
 * @param maxBoostDb           largest gain applied to a quiet segment
 * @param maxCutDb             largest attenuation applied to a loud segment
 * @param peakCeiling          no segment's peak is gained above this (linear, at most 1)
 */
public record JoinConfig(int sampleRate, double pauseSeconds, double paragraphPauseSeconds, double crossfadeMs,
                         boolean trim, double thresholdDb, double floorDbfs, double marginMs,
                         boolean matchLoudness, OptionalDouble targetDb, double maxBoostDb, double maxCutDb,
                         double peakCeiling) {

    /** Analysis frame of the silence detector. */
    static final double FRAME_MS = 10.0;

    public JoinConfig {
        if (sampleRate < 1000) {
            throw new IllegalArgumentException("join sampleRate must be >= 1000 Hz, got " + sampleRate);
        }
        if (!(pauseSeconds >= 0 && pauseSeconds <= 60)) {
            throw new IllegalArgumentException("pause must be within 0..60 s, got " + pauseSeconds);
        }
        if (!(paragraphPauseSeconds >= pauseSeconds && paragraphPauseSeconds <= 60)) {
            throw new IllegalArgumentException("paragraph pause must be within pause (" + pauseSeconds + ")..60 s, got "
                    + paragraphPauseSeconds);
        }
        if (!(crossfadeMs >= 0 && crossfadeMs <= 100)) {
            throw new IllegalArgumentException("crossfade must be within 0..100 ms, got " + crossfadeMs);
        }
        if (!(thresholdDb < 0 && thresholdDb >= -120)) {
            throw new IllegalArgumentException("trim threshold must be within -120..0 dB (exclusive), got "
                    + thresholdDb);
        }
        if (!(floorDbfs < 0 && floorDbfs >= -200)) {
            throw new IllegalArgumentException("trim floor must be within -200..0 dBFS (exclusive), got " + floorDbfs);
        }
        if (!(marginMs >= 0 && marginMs <= 1000)) {
            throw new IllegalArgumentException("trim margin must be within 0..1000 ms, got " + marginMs);
        }
        if (targetDb == null) {
            throw new IllegalArgumentException("targetDb must be a value or empty, not null");
        }
        if (targetDb.isPresent() && !Double.isFinite(targetDb.getAsDouble())) {
            throw new IllegalArgumentException("target level must be finite, got " + targetDb.getAsDouble());
        }
        if (!(maxBoostDb >= 0 && maxBoostDb <= 60 && maxCutDb >= 0 && maxCutDb <= 60)) {
            throw new IllegalArgumentException("gain limits must be within 0..60 dB, got boost " + maxBoostDb
                    + " and cut " + maxCutDb);
        }
        if (!(peakCeiling > 0 && peakCeiling <= 1)) {
            throw new IllegalArgumentException("peak ceiling must be within (0, 1], got " + peakCeiling);
        }
    }

    /**
     * Defaults for speech: 0.3 s between sentences, 0.8 s after paragraphs, 5 ms fades, trim at 40 dB below the
     * speech level with 40 ms margins, loudness matched to the first segment within ±12 dB, peaks at most 0.95.
     */
    public static JoinConfig defaults(int sampleRate) {
        return new JoinConfig(sampleRate, 0.3, 0.8, 5.0, true, -40.0, -65.0, 40.0, true, OptionalDouble.empty(),
                12.0, 12.0, 0.95);
    }

    public JoinConfig withPauses(double pause, double paragraphPause) {
        return new JoinConfig(sampleRate, pause, paragraphPause, crossfadeMs, trim, thresholdDb, floorDbfs, marginMs,
                matchLoudness, targetDb, maxBoostDb, maxCutDb, peakCeiling);
    }

    public JoinConfig withCrossfadeMs(double ms) {
        return new JoinConfig(sampleRate, pauseSeconds, paragraphPauseSeconds, ms, trim, thresholdDb, floorDbfs,
                marginMs, matchLoudness, targetDb, maxBoostDb, maxCutDb, peakCeiling);
    }

    public JoinConfig withTrim(boolean on, double threshold, double margin) {
        return new JoinConfig(sampleRate, pauseSeconds, paragraphPauseSeconds, crossfadeMs, on, threshold, floorDbfs,
                margin, matchLoudness, targetDb, maxBoostDb, maxCutDb, peakCeiling);
    }

    public JoinConfig withLoudness(boolean on, OptionalDouble target, double maxBoost, double maxCut) {
        return new JoinConfig(sampleRate, pauseSeconds, paragraphPauseSeconds, crossfadeMs, trim, thresholdDb,
                floorDbfs, marginMs, on, target, maxBoost, maxCut, peakCeiling);
    }

    public JoinConfig withPeakCeiling(double ceiling) {
        return new JoinConfig(sampleRate, pauseSeconds, paragraphPauseSeconds, crossfadeMs, trim, thresholdDb,
                floorDbfs, marginMs, matchLoudness, targetDb, maxBoostDb, maxCutDb, ceiling);
    }

    int samples(double seconds) {
        return (int) Math.round(seconds * sampleRate);
    }

    int crossfadeSamples() {
        return samples(crossfadeMs / 1000.0);
    }

    int marginSamples() {
        return samples(marginMs / 1000.0);
    }

    int frameSamples() {
        return Math.max(1, samples(FRAME_MS / 1000.0));
    }

    /** The silence inserted after a segment. */
    int pauseSamples(boolean paragraphEnd) {
        return samples(paragraphEnd ? paragraphPauseSeconds : pauseSeconds);
    }
}
