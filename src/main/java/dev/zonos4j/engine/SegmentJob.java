package dev.zonos4j.engine;

import dev.zonos4j.model.zonos.ConditioningInputs;
import dev.zonos4j.model.zonos.SamplingParams;
import dev.zonos4j.text.Segment;
import java.util.List;

/**
 * One segment of a request, ready for the scheduler: its conditioning inputs, its own seed (from the request
 * seed and the segment index, so its output does not depend on what runs beside it) and its frame cap.
 */
record SegmentJob(Segment segment, ConditioningInputs inputs, long seed, int maxFrames, int expectedFrames,
                  Settings settings) {

    /**
     * What the segments of one request share: sampling, guidance, retries, the chained prefix (or null), where
     * warnings go (a synchronized list) and the quality retry (or null when off).
     */
    record Settings(SamplingParams sampling, float cfgScale, int retries, ChainedPrefix chain, List<String> warnings,
                    QualityRetry qualityRetry) {
    }

    int index() {
        return segment.index();
    }

    /** The seed of segment {@code index}, attempt {@code attempt}: a fixed mix of the three numbers. */
    static long seedFor(long requestSeed, int index, int attempt) {
        long z = requestSeed + 0x9E3779B97F4A7C15L * (index + 1) + 0xD1B54A32D192ED03L * attempt;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
