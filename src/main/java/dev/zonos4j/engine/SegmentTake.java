package dev.zonos4j.engine;

import dev.zonos4j.audio.quality.SegmentMeasures;
import dev.zonos4j.audio.quality.SegmentThresholds;

/**
 * One generated take of a segment, decoded and judged on its own (nothing that needs its neighbours).
 *
 * @param audio           decoded samples
 * @param embedding       its voice embedding, or null when voices are not compared
 * @param voiceSimilarity cosine with the reference voice (NaN: not measured)
 * @param measureNanos    time spent measuring it
 */
record SegmentTake(float[] audio, long seed, SegmentMeasures measures, float[] embedding, double voiceSimilarity,
                   SegmentThresholds.Judgement judgement, long measureNanos) {

    /** Decodes nothing: measures {@code audio} and judges it under {@code thresholds}. */
    static SegmentTake judge(float[] audio, int sampleRate, int phonemes, long seed, SegmentThresholds thresholds,
            VoiceCheck voices) {
        long t0 = System.nanoTime();
        SegmentMeasures m = SegmentMeasures.of(audio, sampleRate, phonemes);
        float[] embedding = voices.embed(audio, sampleRate);
        double similarity = voices.toReference(embedding);
        SegmentThresholds.Judgement j = thresholds.assess(m, Double.NaN, similarity);
        return new SegmentTake(audio, seed, m, embedding, similarity, j, System.nanoTime() - t0);
    }

    boolean flagged() {
        return judgement.flagged();
    }

    /** Whether this take scores better than {@code other}: fewer reasons, then less excess past the bounds. */
    boolean betterThan(SegmentTake other) {
        return other == null || judgement.compareTo(other.judgement) < 0;
    }
}
