package dev.zonos4j.engine;

import java.util.Arrays;

/**
 * Opt-in continuity of prosody: each segment continues from the last frames of the previous segment's codes,
 * as an audio prefix. Sequential by nature (a segment needs its predecessor's result), so it runs one segment
 * at a time.
 */
final class ChainedPrefix implements ZonosBatchModel.PrefixSource {
    private final int frames;
    private int[][] previous;

    ChainedPrefix(float seconds, double frameRate) {
        this.frames = Math.max(1, (int) Math.round(seconds * frameRate));
    }

    /** Records a finished segment's new codes [9][T]. */
    void finished(int[][] codes) {
        previous = codes;
    }

    @Override
    public int[][] prefixFor(SegmentJob job) {
        if (job.index() == 0 || previous == null || previous[0].length == 0) {
            return null;
        }
        int t = previous[0].length;
        int from = Math.max(0, t - frames);
        int[][] out = new int[previous.length][];
        for (int k = 0; k < previous.length; k++) {
            out[k] = Arrays.copyOfRange(previous[k], from, t);
        }
        return out;
    }

    @Override
    public int maxFrames() {
        return frames;
    }
}
