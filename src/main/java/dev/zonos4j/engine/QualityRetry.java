package dev.zonos4j.engine;

import dev.zonos4j.audio.quality.RetryRecord;
import dev.zonos4j.audio.quality.RunQuality;
import dev.zonos4j.audio.quality.SegmentThresholds;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --quality-retry N} for one request: each finished take is decoded and judged as it ends (on the scheduler
 * thread, from the segment's own output only, so batching cannot change a decision); a flagged one is generated
 * again with the next seed, up to N more takes, and the best-scoring take is kept (fewest reasons, then the least
 * excess past the bounds; the earlier take on a tie). Only the best take so far is held, codes and audio.
 */
final class QualityRetry {

    /** One segment's takes so far. */
    static final class Takes {
        private final List<Long> seeds = new ArrayList<>();
        private List<String> firstReasons;
        private SegmentTake best;
        private int[][] bestCodes;

        SegmentTake best() {
            return best;
        }

        int[][] bestCodes() {
            return bestCodes;
        }
    }

    private final int extraTakes;
    private final CodecPort codec;
    private final SegmentThresholds thresholds;
    private final VoiceCheck voices;
    private final RunQuality quality;

    QualityRetry(int extraTakes, CodecPort codec, SegmentThresholds thresholds, VoiceCheck voices, RunQuality quality) {
        this.extraTakes = extraTakes;
        this.codec = codec;
        this.thresholds = thresholds;
        this.voices = voices;
        this.quality = quality;
    }

    /** Judges the take that just ended; true when another take should be generated. */
    boolean wantsAnother(Takes takes, int[][] codes, long seed, int phonemes) {
        SegmentTake take = SegmentTake.judge(codec.decode(codes), codec.sampleRate(), phonemes, seed, thresholds, voices);
        quality.addMeasureNanos(take.measureNanos());
        takes.seeds.add(seed);
        if (takes.firstReasons == null) {
            takes.firstReasons = take.judgement().reasons();
        }
        if (take.betterThan(takes.best)) {
            takes.best = take;
            takes.bestCodes = codes;
        }
        return take.flagged() && takes.seeds.size() <= extraTakes;
    }

    /** The segment is done: a retried one is recorded for the report. */
    void settle(int segment, Takes takes) {
        if (takes.seeds.size() > 1) {
            quality.retried(new RetryRecord(segment, takes.firstReasons, takes.seeds, takes.best.seed(),
                    takes.best.judgement().reasons()));
        }
    }
}
