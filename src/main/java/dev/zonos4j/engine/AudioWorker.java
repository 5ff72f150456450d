package dev.zonos4j.engine;

import dev.zonos4j.audio.join.JoinConfig;
import dev.zonos4j.audio.join.SegmentJoiner;
import dev.zonos4j.audio.join.SegmentReport;
import dev.zonos4j.audio.quality.RunQuality;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ObjIntConsumer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Decodes finished segments to audio, joins them and writes the sink, on its own thread, so codec work
 * overlaps with generation. {@link #submit} never blocks (it runs on the scheduler thread that all requests
 * share); instead the scheduler starts no new segment of this request while {@link #backlog} is at its
 * capacity, which keeps memory bounded however long the text is. A failure of the sink (a client that went
 * away) cancels the request at once through {@code onFailure}. Each segment is measured before the join and the
 * joined output on its way to the sink ({@link RunQuality}), so the report needs no second pass over the audio.
 */
final class AudioWorker {

    /**
     * A finished segment: its codes, or the take a quality retry already decoded and judged (then {@code kept} is
     * set and the codes are not decoded again).
     */
    record Item(int index, int[][] codes, boolean paragraphEnd, int phonemes, long seed, int takes, SegmentTake kept) {
    }

    private static final Item END = new Item(-1, null, false, 0, 0, 0, null);

    private final CodecPort codec;
    private final AudioSink sink;
    private final SegmentJoiner joiner;
    private final BlockingQueue<Item> queue;
    private final Thread thread;
    private final int capacity;
    private final Runnable onFailure;
    private final ObjIntConsumer<float[]> segmentAudio;
    private final RunQuality quality;
    private final VoiceCheck voices;
    private final List<SegmentReport> reports = new ArrayList<>();
    private float[] previousEmbedding;
    private volatile Throwable failure;
    private volatile long firstAudioNanos;

    /**
     * @param segmentAudio sees each segment's decoded audio (before the join) with its index
     * @param quality      measures each segment, each join and the output
     * @param voices       how segment voices are compared (also used for the takes it judges itself)
     */
    AudioWorker(CodecPort codec, JoinConfig join, AudioSink sink, int capacity, Runnable onFailure,
            ObjIntConsumer<float[]> segmentAudio, RunQuality quality, VoiceCheck voices) {
        this.segmentAudio = segmentAudio;
        this.quality = quality;
        this.voices = voices;
        this.codec = codec;
        this.sink = sink;
        this.capacity = capacity;
        this.onFailure = onFailure;
        this.queue = new LinkedBlockingQueue<>();
        this.joiner = new SegmentJoiner(join, quality.tap((samples, off, len) -> {
            try {
                if (firstAudioNanos == 0 && len > 0) {
                    firstAudioNanos = System.nanoTime();
                }
                sink.write(samples, off, len);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
        this.thread = Thread.ofPlatform().name("zonos-audio").daemon(true).unstarted(this::loop);
    }

    void start() throws IOException {
        sink.open(codec.sampleRate());
        thread.start();
    }

    /** Queues a finished segment (in order) without waiting. Rethrows a failure of the worker. */
    void submit(Item item) {
        rethrow();
        queue.add(item);
    }

    /** Whether the writer keeps up: fewer than its capacity of segments wait to be decoded. */
    boolean keepsUp() {
        return queue.size() < capacity && failure == null;
    }

    /** Waits for all queued audio, flushes the joiner and closes the sink. */
    void finish() throws IOException {
        try {
            queue.put(END);
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while finishing the audio", e);
        }
        rethrow();
        sink.close();
    }

    /** Stops the worker and discards the sink's output. */
    void abort() {
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sink.abort();
    }

    /** What the joiner did with each segment, in order (read after {@link #finish}). */
    List<SegmentReport> reports() {
        return reports;
    }

    /** Samples written to the sink so far. */
    long emittedSamples() {
        return joiner.emittedSamples();
    }

    long firstAudioNanos() {
        return firstAudioNanos;
    }

    /** Throws the worker's failure, if any. */
    void rethrow() {
        Throwable f = failure;
        if (f instanceof UncheckedIOException u) {
            throw u;
        }
        if (f != null) {
            throw new IllegalStateException("audio decoding failed: " + f.getMessage(), f);
        }
    }

    private void loop() {
        try {
            while (true) {
                Item item = queue.take();
                if (item == END) {
                    joiner.finish();
                    quality.finish();
                    return;
                }
                SegmentTake take = item.kept;
                if (take == null) {
                    take = SegmentTake.judge(codec.decode(item.codes), codec.sampleRate(), item.phonemes, item.seed,
                            quality.thresholds(), voices);
                    quality.addMeasureNanos(take.measureNanos());
                }
                segmentAudio.accept(take.audio(), item.index);
                double toPrevious = VoiceCheck.cosine(take.embedding(), previousEmbedding);
                previousEmbedding = take.embedding();
                quality.add(item.index, new RunQuality.Segment(take.measures(), take.voiceSimilarity(), toPrevious,
                        take.seed(), item.takes));
                SegmentReport report = joiner.add(take.audio(), item.paragraphEnd);
                reports.add(report);
                quality.placed(report, item.paragraphEnd);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
            onFailure.run();
        }
    }
}
