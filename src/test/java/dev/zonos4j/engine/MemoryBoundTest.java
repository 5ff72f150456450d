package dev.zonos4j.engine;

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
import org.junit.jupiter.api.Test;

/** Engine promise 2: peak memory (heap + KV cache) does not grow with the length of the text. */
class MemoryBoundTest {

    /** Discards audio: memory must not depend on the sink keeping it. */
    static final class NullSink implements AudioSink {
        public void open(int rate) {
        }

        public void write(float[] s, int off, int len) {
        }

        public void close() {
        }

        public void abort() {
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

    /** Peak live heap sampled as each segment finishes. The KV cache blocks live on the heap, so it counts them. */
    static long peakBytes(SpeechEngine engine, String input) throws IOException {
        long[] peak = {0};
        SpeechListener sampler = new SpeechListener() {
            public void segmentGenerated(int index, int frames) {
                peak[0] = Math.max(peak[0], liveHeapBytes());
            }
        };
        SpeechOptions o = SpeechOptions.builder().mode(SpeechOptions.Mode.EFFICIENT).maxBatch(4)
                .sampling(SamplingParams.greedy()).maxFramesPerSegment(48).retries(0).build();
        SpeechResult r = engine.speak(input, null, o, new NullSink(), sampler);
        assertTrue(r.segments() > 1);
        return peak[0];
    }

    @Test
    void tenTimesTheTextNeedsNoMoreMemory() throws IOException {
        ZonosModel lm = ZonosModel.load(TestKits.zonos().resolve("tiny"), WeightMatrix.Storage.F32, 64L << 20, Kernels.preferred());
        DacModel dac = DacModel.load(TestKits.dac().resolve("tiny"));
        SpeechEngine engine = new SpeechEngine(lm, new DacCodec(dac), TextFrontEnd.shared(), JoinConfig.defaults(44_100),
                TextFrontEnd.DEFAULT_BUDGET);
        // Warm-up: scratch buffers grow to the longest segment once; what must not grow is what a text retains.
        peakBytes(engine, SampleText.of(10_000, 1));
        long small = peakBytes(engine, SampleText.of(1_000, 2));
        long large = peakBytes(engine, SampleText.of(10_000, 3));
        assertTrue(large <= small * 1.10, String.format("peak for 10,000 characters %.1f MiB vs %.1f MiB for 1,000",
                large / 1048576.0, small / 1048576.0));
    }
}
