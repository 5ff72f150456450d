package dev.zonos4j.engine;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.TestKits;
import dev.zonos4j.audio.join.JoinConfig;
import dev.zonos4j.model.dac.DacModel;
import dev.zonos4j.model.zonos.SamplingParams;
import dev.zonos4j.model.zonos.ZonosModel;
import dev.zonos4j.tensor.Kernels;
import dev.zonos4j.tensor.WeightMatrix;
import dev.zonos4j.text.TextFrontEnd;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Engine promise 2: memory does not grow with the length of the text. Two measures, both of the request alone:
 * the engine's own KV accounting (peak KV reserved), and the live heap the request adds on top of what was live
 * before it started (so models that earlier test classes left in this JVM do not count). The heap check is shown
 * to catch an engine that keeps every segment's audio.
 */
class MemoryBoundTest {
    static final int MAX_BATCH = 4;
    static final int MAX_FRAMES = 48;
    /**
     * Heap a request may hold per extra segment: a third of one segment's audio (48 frames x 512 samples x 4 bytes).
     * What a request holds for its whole text (each segment's span of the text) fits; a segment's audio does not.
     * Segment jobs (phoneme ids, conditioning inputs: about 10 KB each) are made only a look-ahead window ahead of
     * the scheduler, which the engine's own count checks exactly.
     */
    static final long SLACK_PER_SEGMENT = MAX_FRAMES * 512 * 4 / 3;

    static final int SAMPLE_EVERY = 4;

    static ZonosModel lm;
    static SpeechEngine engine;

    static SpeechOptions options() {
        return SpeechOptions.builder().mode(SpeechOptions.Mode.EFFICIENT).maxBatch(MAX_BATCH)
                .sampling(SamplingParams.greedy()).maxFramesPerSegment(MAX_FRAMES).retries(0).build();
    }

    @BeforeAll
    static void load() throws IOException {
        lm = ZonosModel.load(TestKits.zonos().resolve("tiny"), WeightMatrix.Storage.F32, 64L << 20, Kernels.preferred());
        DacModel dac = DacModel.load(TestKits.dac().resolve("tiny"));
        engine = new SpeechEngine(lm, new DacCodec(dac), TextFrontEnd.shared(), JoinConfig.defaults(44_100),
                TextFrontEnd.DEFAULT_BUDGET);
        // Scratch buffers grow to the longest segment once; what must not grow is what a text retains.
        engine.speak(SampleText.of(10_000, 1), null, options(), new NullSink(), SpeechListener.NONE);
    }

    /** Discards audio: memory must not depend on the sink keeping it. */
    static class NullSink implements AudioSink {
        public void open(int rate) {
        }

        public void write(float[] s, int off, int len) {
        }

        public void close() {
        }

        public void abort() {
        }
    }

    /** Keeps every sample it is given: what an engine that held all segments' audio until the end would cost. */
    static final class HoardingSink extends NullSink {
        final List<float[]> kept = new ArrayList<>();

        @Override
        public void write(float[] s, int off, int len) {
            kept.add(java.util.Arrays.copyOfRange(s, off, off + len));
        }
    }

    /**
     * Live heap after a full collection, read from the collector's own after-collection figures (so allocations
     * other threads make right after it do not count).
     */
    static long liveHeapBytes() {
        System.gc();
        long live = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage after = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (after != null) {
                live += after.getUsed();
            }
        }
        return live;
    }

    /**
     * What one request cost: the live heap it added, sampled as every fourth segment finishes (the median of the
     * samples, so that a codec decode caught in flight does not count, while anything held across the run does), the
     * largest sample, and its peak KV.
     */
    record Cost(int segments, long heapGrowth, long peakHeapGrowth, long peakKv, int peakPrepared) {
    }

    static Cost measure(String input, AudioSink sink) throws IOException {
        long before = liveHeapBytes();
        List<Long> samples = new ArrayList<>();
        SpeechListener sampler = new SpeechListener() {
            public void segmentGenerated(int index, int frames) {
                // Every few segments: a full collection per sample is what makes this test slow.
                if (index % SAMPLE_EVERY == 0) {
                    samples.add(liveHeapBytes() - before);
                }
            }
        };
        SpeechResult r = engine.speak(input, null, options(), sink, sampler);
        List<Long> sorted = samples.stream().sorted().toList();
        return new Cost(r.segments(), sorted.get(sorted.size() / 2), sorted.getLast(), r.peakKvBytes(), r.peakPrepared());
    }

    /** Why {@code large} shows memory growing with the text compared with {@code small}, or null when it does not. */
    static String growth(Cost small, Cost large) {
        long allowed = SLACK_PER_SEGMENT * (large.segments() - small.segments());
        if (large.heapGrowth() > small.heapGrowth() + allowed) {
            return String.format("a %d-segment text held %.2f MiB of heap, a %d-segment one %.2f MiB (allowed: %.2f MiB more)",
                    large.segments(), large.heapGrowth() / 1048576.0, small.segments(), small.heapGrowth() / 1048576.0,
                    allowed / 1048576.0);
        }
        return null;
    }

    @Test
    void tenTimesTheTextNeedsNoMoreMemory() throws IOException {
        Cost small = measure(SampleText.of(1_000, 2), new NullSink());
        Cost large = measure(SampleText.of(10_000, 3), new NullSink());
        assertTrue(large.segments() >= 8 * small.segments(), large + " vs " + small);
        assertNull(growth(small, large));
        // KV: at most MAX_BATCH segments hold a reservation at once, each bounded by the segment budget.
        long perSegment = lm.kvBytesFor(TextFrontEnd.DEFAULT_BUDGET + 16, 0, MAX_FRAMES, 2f);
        assertTrue(small.peakKv() > 0 && large.peakKv() <= MAX_BATCH * perSegment,
                "peak KV " + large.peakKv() + " bytes, bound " + MAX_BATCH * perSegment);
        assertTrue(large.peakKv() <= small.peakKv() + perSegment, large + " vs " + small);
        // Jobs made but not yet started: at most the look-ahead window (3 x the batch), however long the text.
        assertTrue(small.peakPrepared() >= 1 && large.peakPrepared() <= 3 * MAX_BATCH, large + " vs " + small);
    }

    @Test
    void theCheckCatchesAnEngineThatKeepsEverySegmentsAudio() throws IOException {
        Cost small = measure(SampleText.of(1_000, 2), new HoardingSink());
        HoardingSink hoard = new HoardingSink();
        Cost large = measure(SampleText.of(10_000, 3), hoard);
        long kept = hoard.kept.stream().mapToLong(c -> 4L * c.length).sum();
        assertTrue(kept > 3 * SLACK_PER_SEGMENT * large.segments(), "the long text's audio was only " + kept + " bytes");
        assertNotNull(growth(small, large), "keeping " + kept + " bytes of audio went unnoticed: " + large + " vs " + small);
    }
}
