package dev.zonos4j.engine;

import dev.zonos4j.audio.quality.JoinBounds;
import dev.zonos4j.audio.quality.SegmentThresholds;
import dev.zonos4j.util.InvalidInputException;

/**
 * How a request's output is checked (README, "Quality checks").
 *
 * @param retries           extra takes of a flagged segment, each with the next seed; the best-scoring take is kept
 *                          (0: off, the default)
 * @param thresholds        when a segment is flagged
 * @param joinBounds        when a join is a click
 * @param similaritySeconds speech (from the segment's start) the speaker encoder embeds to compare voices; 0 turns
 *                          voice similarity off (the default: it costs a speaker-encoder pass per segment)
 */
public record QualitySettings(int retries, SegmentThresholds thresholds, JoinBounds joinBounds, double similaritySeconds) {

    /** Seconds of each segment's speech embedded when voice similarity is asked for. */
    public static final double DEFAULT_SIMILARITY_SECONDS = 4;

    public static final QualitySettings DEFAULTS = new QualitySettings(0, SegmentThresholds.DEFAULTS,
            JoinBounds.DEFAULTS, 0);

    public QualitySettings {
        if (retries < 0 || retries > 10) {
            throw new InvalidInputException("quality-retry must be in [0, 10], got " + retries);
        }
        if (thresholds == null || joinBounds == null) {
            throw new InvalidInputException("quality thresholds and join bounds must be given (the DEFAULTS constants)");
        }
        if (!(similaritySeconds >= 0 && similaritySeconds <= 60)) {
            throw new InvalidInputException("voice-similarity must be in [0, 60] seconds (0 = off), got " + similaritySeconds);
        }
    }

    public QualitySettings withRetries(int n) {
        return new QualitySettings(n, thresholds, joinBounds, similaritySeconds);
    }

    public QualitySettings withSimilaritySeconds(double seconds) {
        return new QualitySettings(retries, thresholds, joinBounds, seconds);
    }
}
