package dev.zonos4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.audio.join.JoinConfig;
import dev.zonos4j.audio.quality.JoinBounds;
import dev.zonos4j.audio.quality.RunQuality;
import dev.zonos4j.audio.quality.SegmentThresholds;
import dev.zonos4j.engine.SpeechEngineTest.CollectingSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The audio thread between the scheduler and the sink: its backlog limit, failures and abort. */
class AudioWorkerTest {
    private static final JoinConfig JOIN = JoinConfig.defaults(44_100);

    /** A codec whose first decode waits until the test lets it go; each segment is a constant of its first code. */
    static class GatedCodec implements CodecPort {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<Integer> decoded = new ArrayList<>();

        public int sampleRate() {
            return 44_100;
        }

        public int samplesPerFrame() {
            return 512;
        }

        public float[] decode(int[][] codes) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            synchronized (decoded) {
                decoded.add(codes[0][0]);
            }
            float[] out = new float[codes[0].length * 512];
            java.util.Arrays.fill(out, 0.25f);
            return out;
        }
    }

    private static AudioWorker worker(CodecPort codec, AudioSink sink, Runnable onFailure,
            java.util.function.ObjIntConsumer<float[]> segmentAudio) {
        return new AudioWorker(codec, JOIN, sink, 2, onFailure, segmentAudio,
                new RunQuality(SegmentThresholds.DEFAULTS, JoinBounds.DEFAULTS, 44_100), VoiceCheck.NONE);
    }

    private static AudioWorker.Item item(int index, int[][] codes, boolean paragraphEnd) {
        return new AudioWorker.Item(index, codes, paragraphEnd, 10, 0, 1, null);
    }

    private static int[][] codes(int first, int frames) {
        int[][] c = new int[9][frames];
        c[0][0] = first;
        return c;
    }

    /** Live audio threads now; a test compares them with those alive before it started its workers. */
    private static java.util.Set<Thread> audioThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("zonos-audio") && t.isAlive())
                .collect(java.util.stream.Collectors.toSet());
    }

    private static boolean newAudioThreadAlive(java.util.Set<Thread> before) {
        return !before.containsAll(audioThreads());
    }

    @Test
    void theBacklogIsFullAtItsCapacityAndEverySegmentIsDecodedInOrder() throws Exception {
        java.util.Set<Thread> before = audioThreads();
        GatedCodec codec = new GatedCodec();
        CollectingSink sink = new CollectingSink();
        List<Integer> seen = new ArrayList<>();
        AudioWorker w = worker(codec, sink, () -> { }, (audio, index) -> seen.add(index));
        w.start();
        assertTrue(w.keepsUp());
        w.submit(item(0, codes(10, 20), false));
        codec.entered.await();
        assertTrue(w.keepsUp(), "the segment being decoded is not waiting");
        w.submit(item(1, codes(11, 20), false));
        assertTrue(w.keepsUp(), "one waiting segment is under the capacity of two");
        w.submit(item(2, codes(12, 20), true));
        assertFalse(w.keepsUp(), "two waiting segments fill the capacity of two");
        codec.release.countDown();
        w.finish();
        assertEquals(List.of(10, 11, 12), codec.decoded);
        assertEquals(List.of(0, 1, 2), seen);
        assertEquals(3, w.reports().size());
        assertTrue(sink.closed && !sink.aborted);
        assertEquals(sink.all().length, w.emittedSamples());
        assertTrue(w.emittedSamples() > 0);
        assertTrue(w.firstAudioNanos() > 0);
        assertFalse(newAudioThreadAlive(before));
    }

    @Test
    void aFailingCodecIsReportedOnceAndStopsTheRequest() throws Exception {
        AtomicInteger failures = new AtomicInteger();
        CountDownLatch failed = new CountDownLatch(1);
        CodecPort broken = new GatedCodec() {
            @Override
            public float[] decode(int[][] codes) {
                throw new IllegalArgumentException("bad codes");
            }
        };
        AudioWorker w = worker(broken, new CollectingSink(), () -> {
            failures.incrementAndGet();
            failed.countDown();
        }, (audio, index) -> { });
        w.start();
        w.submit(item(0, codes(1, 4), false));
        failed.await();
        assertFalse(w.keepsUp(), "a failed worker takes nothing more");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.submit(item(1, codes(1, 4), false)));
        assertEquals("audio decoding failed: bad codes", e.getMessage());
        assertTrue(e.getCause() instanceof IllegalArgumentException);
        assertThrows(IllegalStateException.class, w::finish);
        assertEquals(1, failures.get());
    }

    @Test
    void aFailingSinkIsRethrownAsItsOwnError() throws Exception {
        CountDownLatch failed = new CountDownLatch(1);
        IOException gone = new IOException("client went away");
        CollectingSink sink = new CollectingSink() {
            @Override
            public void write(float[] s, int off, int len) {
                throw new UncheckedIOException(gone);
            }
        };
        GatedCodec codec = new GatedCodec();
        codec.release.countDown();
        AudioWorker w = worker(codec, sink, failed::countDown, (audio, index) -> { });
        w.start();
        w.submit(item(0, codes(1, 200), true));
        failed.await();
        UncheckedIOException e = assertThrows(UncheckedIOException.class, w::rethrow);
        assertSame(gone, e.getCause());
        // and a later submit reports the same failure rather than queueing more work
        assertSame(e, assertThrows(UncheckedIOException.class, () -> w.submit(item(1, codes(2, 200), true))));
    }

    @Test
    void abortStopsTheThreadAndDiscardsTheSink() throws Exception {
        java.util.Set<Thread> before = audioThreads();
        CollectingSink idle = new CollectingSink();
        AudioWorker waiting = worker(new GatedCodec(), idle, () -> { }, (audio, index) -> { });
        waiting.start();
        waiting.abort();
        assertTrue(idle.aborted && !idle.closed);
        assertFalse(newAudioThreadAlive(before), "abort must end a worker that waits for segments");

        GatedCodec codec = new GatedCodec();
        CollectingSink busy = new CollectingSink();
        AudioWorker decoding = worker(codec, busy, () -> { }, (audio, index) -> { });
        decoding.start();
        decoding.submit(item(0, codes(1, 4), false));
        codec.entered.await();
        decoding.abort();
        assertTrue(busy.aborted && !busy.closed);
        assertFalse(newAudioThreadAlive(before), "abort must end a worker in the middle of a decode");
        assertTrue(busy.chunks.isEmpty());
    }
}
