package dev.zonos4j.audio.join;

/**
 * What the joiner did with one segment.
 *
 * @param index       position of the segment in the stream (0-based)
 * @param inputSamples samples handed in
 * @param keptFrom    first kept sample (after trimming leading silence)
 * @param keptTo      one past the last kept sample
 * @param levelDb     the segment's loudness before gain (the loudness function's unit); -∞ when silent
 * @param gainDb      gain applied
 * @param silent      nothing reached the trim threshold: the segment contributed no audio
 * @param outputStart where the segment's kept audio begins in the joined output (sample index, its fade-in or
 *                    crossfade included); for a silent segment, how much had been emitted when it arrived
 */
public record SegmentReport(int index, int inputSamples, int keptFrom, int keptTo, double levelDb, double gainDb,
                            boolean silent, long outputStart) {

    /** One past the segment's last sample in the joined output (its fade-out or crossfade included). */
    public long outputEnd() {
        return silent ? outputStart : outputStart + keptTo - keptFrom;
    }
}
