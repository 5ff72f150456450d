package dev.zonos4j.audio.join;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Joins generated segments into one seamless stream, one segment at a time: each segment is trimmed of leading
 * and trailing silence, gained toward a common loudness, and either separated from the previous one by a pause
 * (the previous segment fades out, the new one fades in) or, with no pause, crossfaded into it. Everything but
 * the last crossfade length of the latest segment goes to the sink as soon as the segment is added, so memory
 * does not grow with the text. Not thread-safe: one joiner per output stream.
 */
public final class SegmentJoiner {
    private static final int ZERO_CHUNK = 4096;

    private final JoinConfig cfg;
    private final ToDoubleFunction<float[]> loudness;
    private final SampleSink sink;
    private final LoudnessMatcher matcher;
    private final float[] held; // the latest segment's tail, not yet final: the next segment may crossfade into it
    private final float[] zeros = new float[ZERO_CHUNK];
    private int heldLen;
    private boolean hasAudio;
    private int pendingPause;
    private int index;
    private long emitted;
    private boolean finished;

    /** A joiner measuring loudness as the RMS level of each segment's sound frames. */
    public SegmentJoiner(JoinConfig cfg, SampleSink sink) {
        this(cfg, x -> SilenceTrimmer.activeLevelDb(x, 0, x.length, cfg), sink);
    }

    /**
     * @param loudness the level of a trimmed segment in dB-like units (dBFS, LUFS); -∞ or NaN for "unmeasurable",
     *                 which leaves the segment's gain at 0 dB (peak limit aside)
     */
    public SegmentJoiner(JoinConfig cfg, ToDoubleFunction<float[]> loudness, SampleSink sink) {
        this.cfg = Objects.requireNonNull(cfg, "cfg");
        this.loudness = Objects.requireNonNull(loudness, "loudness");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.matcher = new LoudnessMatcher(cfg);
        this.held = new float[cfg.crossfadeSamples()];
    }

    /** Joins everything at once (tests, short texts); the streaming form is {@link #add} + {@link #finish}. */
    public static float[] joinAll(JoinConfig cfg, List<float[]> segments, List<Boolean> paragraphEnds) {
        if (segments.size() != paragraphEnds.size()) {
            throw new IllegalArgumentException(segments.size() + " segments but " + paragraphEnds.size()
                    + " paragraph flags");
        }
        Collector out = new Collector();
        SegmentJoiner j = new SegmentJoiner(cfg, out);
        for (int i = 0; i < segments.size(); i++) {
            j.add(segments.get(i), paragraphEnds.get(i));
        }
        j.finish();
        return out.toArray();
    }

    /**
     * Adds the next segment (mono, at the configured rate; not modified) and emits all of it that is final.
     *
     * @param paragraphEnd whether the text of this segment ends a paragraph (the pause after it is longer)
     */
    public SegmentReport add(float[] segment, boolean paragraphEnd) {
        if (finished) {
            throw new IllegalStateException("segment added after finish()");
        }
        int i = index++;
        SilenceTrimmer.Range kept = SilenceTrimmer.find(segment, cfg);
        if (kept.isEmpty()) {
            if (hasAudio) {
                pendingPause = Math.max(pendingPause, cfg.pauseSamples(paragraphEnd));
            }
            return new SegmentReport(i, segment.length, 0, 0, Double.NEGATIVE_INFINITY, 0, true, emitted + heldLen);
        }
        float[] x = Arrays.copyOfRange(segment, kept.from(), kept.to());
        double level = loudness.applyAsDouble(x);
        if (Double.isNaN(level)) {
            level = Double.NEGATIVE_INFINITY;
        }
        double gainDb = matcher.gainDb(level, peak(x), x.length);
        float gain = (float) Math.pow(10, gainDb / 20);
        for (int k = 0; k < x.length; k++) {
            x[k] *= gain;
        }
        int fade = Math.min(held.length, x.length / 2);
        if (hasAudio && pendingPause == 0 && heldLen > 0 && fade > 0) {
            int overlap = Math.min(heldLen, fade);
            sink.write(held, 0, heldLen - overlap);
            emitted += heldLen - overlap;
            // The previous tail fades out while this head fades in, over the same samples.
            for (int k = 0; k < overlap; k++) {
                x[k] = held[heldLen - overlap + k] * Fades.out(k, overlap) + x[k] * Fades.in(k, overlap);
            }
        } else {
            flushHeld();
            writeSilence(hasAudio ? pendingPause : 0);
            Fades.fadeIn(x, 0, fade);
        }
        long start = emitted;
        sink.write(x, 0, x.length - fade);
        emitted += x.length - fade;
        System.arraycopy(x, x.length - fade, held, 0, fade);
        heldLen = fade;
        hasAudio = true;
        pendingPause = cfg.pauseSamples(paragraphEnd);
        return new SegmentReport(i, segment.length, kept.from(), kept.to(), level, gainDb, false, start);
    }

    /** Emits the held tail, faded out. No segment may be added afterwards. */
    public void finish() {
        if (!finished) {
            flushHeld();
            finished = true;
        }
    }

    /** Samples handed to the sink so far. */
    public long emittedSamples() {
        return emitted;
    }

    /** Samples received but not yet final (at most the crossfade length). */
    public int heldSamples() {
        return heldLen;
    }

    private void flushHeld() {
        Fades.fadeOut(held, 0, heldLen);
        sink.write(held, 0, heldLen);
        emitted += heldLen;
        heldLen = 0;
    }

    private void writeSilence(int n) {
        for (int left = n; left > 0; left -= ZERO_CHUNK) {
            sink.write(zeros, 0, Math.min(left, ZERO_CHUNK));
        }
        emitted += n;
    }

    private static double peak(float[] x) {
        double p = 0;
        for (float v : x) {
            p = Math.max(p, Math.abs(v));
        }
        return p;
    }

    /** Gathers a whole stream in memory. */
    static final class Collector implements SampleSink {
        private float[] buf = new float[1 << 16];
        private int n;

        @Override
        public void write(float[] samples, int offset, int length) {
            if (n + length > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + length));
            }
            System.arraycopy(samples, offset, buf, n, length);
            n += length;
        }

        float[] toArray() {
            return Arrays.copyOf(buf, n);
        }
    }
}
