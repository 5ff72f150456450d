package dev.zonos4j.engine;

import java.util.List;

/**
 * What one request produced and what it cost.
 *
 * @param batchSize        the most of this request's segments decoded in one step
 * @param sharedBatch      the most segments (of all concurrent requests) in one step this request took part in
 * @param firstAudioSeconds wall time until the first audio reached the sink
 * @param peakKvBytes      KV cache the request's segments held at the peak (they reserve it as they grow)
 * @param kvWaits          steps a segment of this request sat out waiting for KV memory (summed over segments)
 * @param peakPrepared     the most segments prepared (phonemized, conditioning inputs made) but not yet started at
 *                         once: bounded by the scheduler's look-ahead window, whatever the length of the text
 * @param report           every measure of the run (null only where a result is made by hand, as in tests)
 */
public record SpeechResult(int characters, int segments, double audioSeconds, double wallSeconds,
                           double firstAudioSeconds, long frames, int steps, int batchSize, int sharedBatch, long peakKvBytes,
                           int kvWaits, int peakPrepared, String mode, List<String> warnings, SpeechReport report) {

    /** Real-time factor: compute seconds per second of audio (below 1 is faster than real time). */
    public double rtf() {
        return audioSeconds > 0 ? wallSeconds / audioSeconds : Double.NaN;
    }

    public double framesPerSecond() {
        return wallSeconds > 0 ? frames / wallSeconds : Double.NaN;
    }
}
