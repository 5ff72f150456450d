package dev.zonos4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.TestKits;
import dev.zonos4j.audio.join.JoinConfig;
import dev.zonos4j.model.zonos.SamplingParams;
import dev.zonos4j.model.zonos.ZonosModel;
import dev.zonos4j.tensor.Kernels;
import dev.zonos4j.tensor.WeightMatrix;
import dev.zonos4j.text.TextFrontEnd;
import dev.zonos4j.util.InvalidInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SpeechEngineTest {
    static final String TEXT = """
            The quick brown fox jumps over the lazy dog. It was the best of times, it was the worst of times.
            Dr. Smith paid $3.50 for 2 coffees on May 5th, 1999; nobody minded.

            A new paragraph starts here. Short one. Then a somewhat longer sentence follows, with a clause or two, \
            and it keeps going for a while so that the segmenter has something to cut.
            """;

    static ZonosModel lm;

    @BeforeAll
    static void load() {
        lm = ZonosModel.load(TestKits.zonos().resolve("tiny"), WeightMatrix.Storage.F32, 64L << 20, Kernels.preferred());
    }

    /** Records the codes of every segment and turns them into a deterministic waveform. */
    static class RecordingCodec implements CodecPort {
        final List<int[][]> decoded = new ArrayList<>();

        public int sampleRate() {
            return 44_100;
        }

        public int samplesPerFrame() {
            return 512;
        }

        public synchronized float[] decode(int[][] codes) {
            decoded.add(codes);
            float[] out = new float[codes[0].length * 512];
            for (int i = 0; i < out.length; i++) {
                out[i] = 0.3f * (float) Math.sin(i * 0.05 + codes[0][i / 512] * 0.01);
            }
            return out;
        }
    }

    static class CollectingSink implements AudioSink {
        final List<float[]> chunks = new ArrayList<>();
        boolean closed;
        boolean aborted;

        public void open(int sampleRate) {
        }

        public void write(float[] s, int off, int len) {
            chunks.add(java.util.Arrays.copyOfRange(s, off, off + len));
        }

        public void close() {
            closed = true;
        }

        public void abort() {
            aborted = true;
        }

        float[] all() {
            int n = chunks.stream().mapToInt(c -> c.length).sum();
            float[] out = new float[n];
            int p = 0;
            for (float[] c : chunks) {
                System.arraycopy(c, 0, out, p, c.length);
                p += c.length;
            }
            return out;
        }
    }

    private static SpeechEngine engine(CodecPort codec) {
        return new SpeechEngine(lm, codec, TextFrontEnd.shared(), JoinConfig.defaults(44_100), 60);
    }

    private static SpeechOptions options(SpeechOptions.Mode mode, SamplingParams sampling) {
        return SpeechOptions.builder().mode(mode).maxBatch(4).seed(1234).sampling(sampling).maxFramesPerSegment(40).build();
    }

    @Test
    void batchedSegmentsGiveTheSameCodesAndAudioAsOneAtATime() throws IOException {
        for (SamplingParams sampling : List.of(SamplingParams.greedy(), SamplingParams.upstreamDefaults())) {
            RecordingCodec alone = new RecordingCodec();
            CollectingSink aloneSink = new CollectingSink();
            SpeechResult a = engine(alone).speak(TEXT, null, options(SpeechOptions.Mode.STANDARD, sampling), aloneSink, SpeechListener.NONE);
            RecordingCodec batched = new RecordingCodec();
            CollectingSink batchedSink = new CollectingSink();
            SpeechResult b = engine(batched).speak(TEXT, null, options(SpeechOptions.Mode.EFFICIENT, sampling), batchedSink, SpeechListener.NONE);
            assertTrue(a.segments() >= 4, "want several segments, got " + a.segments());
            assertEquals(1, a.batchSize());
            assertTrue(b.batchSize() > 1, "efficient mode batched nothing");
            assertEquals(alone.decoded.size(), batched.decoded.size());
            for (int s = 0; s < alone.decoded.size(); s++) {
                for (int k = 0; k < 9; k++) {
                    assertArrayEquals(alone.decoded.get(s)[k], batched.decoded.get(s)[k], "segment " + s + " codebook " + k);
                }
            }
            assertArrayEquals(aloneSink.all(), batchedSink.all());
            assertTrue(b.steps() < a.steps(), "batching should take fewer steps: " + b.steps() + " vs " + a.steps());
            assertTrue(aloneSink.closed && batchedSink.closed);
        }
    }

    /** Counts generated segments; the last one's index is known from {@code planned}. */
    static final class GenerationWatch implements SpeechListener {
        final AtomicInteger total = new AtomicInteger(-1);
        final AtomicBoolean lastGenerated = new AtomicBoolean();

        public void planned(int segments, int characters) {
            total.set(segments);
        }

        public void segmentGenerated(int index, int frames) {
            if (index == total.get() - 1) {
                lastGenerated.set(true);
            }
        }
    }

    @Test
    void firstAudioArrivesBeforeTheLastSegmentIsGenerated() throws IOException {
        // The hand-over from generation to audio holds two segments, so with many segments the last one cannot be
        // generated before the first segment's audio has been written: no timing is involved.
        GenerationWatch watch = new GenerationWatch();
        boolean[] lastDoneAtFirstWrite = new boolean[1];
        CollectingSink sink = new CollectingSink() {
            @Override
            public void write(float[] s, int off, int len) {
                if (chunks.isEmpty()) {
                    lastDoneAtFirstWrite[0] = watch.lastGenerated.get();
                }
                super.write(s, off, len);
            }
        };
        engine(new RecordingCodec()).speak(TEXT, null, options(SpeechOptions.Mode.STANDARD, SamplingParams.greedy()), sink, watch);
        assertTrue(watch.total.get() >= 6, "want many segments, got " + watch.total.get());
        assertTrue(watch.lastGenerated.get() && !sink.chunks.isEmpty());
        assertFalse(lastDoneAtFirstWrite[0], "the first audio must reach the sink before the last segment is generated");
    }

    @Test
    void aFlowPublisherGetsChunksWhileTheTextIsStillBeingGenerated() throws Exception {
        GenerationWatch watch = new GenerationWatch();
        ChunkPublisher publisher = new ChunkPublisher(4);
        List<float[]> chunks = new ArrayList<>();
        List<Boolean> lastDoneAtChunk = new ArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<>() {
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            public void onNext(float[] chunk) {
                lastDoneAtChunk.add(watch.lastGenerated.get());
                chunks.add(chunk);
            }

            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            public void onComplete() {
                done.complete(null);
            }
        });
        SpeechOptions o = options(SpeechOptions.Mode.EFFICIENT, SamplingParams.greedy());
        engine(new RecordingCodec()).speak(TEXT, null, o, publisher, watch);
        done.get(60, TimeUnit.SECONDS);
        assertTrue(watch.total.get() >= 6, "want many segments, got " + watch.total.get());
        assertFalse(lastDoneAtChunk.getFirst(), "the first chunk must arrive before the last segment is generated");
        assertTrue(lastDoneAtChunk.size() > 1 && lastDoneAtChunk.getLast());

        CollectingSink whole = new CollectingSink();
        engine(new RecordingCodec()).speak(TEXT, null, o, whole, SpeechListener.NONE);
        float[] streamed = new float[chunks.stream().mapToInt(c -> c.length).sum()];
        int p = 0;
        for (float[] c : chunks) {
            System.arraycopy(c, 0, streamed, p, c.length);
            p += c.length;
        }
        assertArrayEquals(whole.all(), streamed, "the chunks, in order, are the whole speech");
    }

    private static String refusal(SpeechEngine e, String text, SpeechOptions o, AudioSink sink) {
        InvalidInputException x = assertThrows(InvalidInputException.class, () -> e.speak(text, null, o, sink, SpeechListener.NONE));
        return x.getMessage();
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsWritten() {
        CollectingSink sink = new CollectingSink();
        SpeechEngine e = engine(new RecordingCodec());
        SpeechOptions o = options(SpeechOptions.Mode.AUTO, SamplingParams.greedy());
        assertEquals("the text is empty: give some words to speak", refusal(e, "   ", o, sink));
        assertEquals("the text is empty: give some words to speak", refusal(e, null, o, sink));
        assertEquals("the text has 2000001 characters; at most 2000000 are accepted per request (split it)",
                refusal(e, "a".repeat(SpeechEngine.MAX_CHARACTERS + 1), o, sink));
        assertThrows(InvalidInputException.class, () -> e.speak("?!... ;", null, o, sink, SpeechListener.NONE));
        assertThrows(InvalidInputException.class, () -> e.speak("Hello.", null, o.toBuilder().language("xx-yy").build(), sink, SpeechListener.NONE));
        assertThrows(InvalidInputException.class, () -> SpeechOptions.builder().cfgScale(0.5f).build());
        assertThrows(InvalidInputException.class, () -> SpeechOptions.builder().speakingRate(-1).build());
        assertTrue(sink.chunks.isEmpty());
    }

    @Test
    void aFailingCodecAbortsTheSink() {
        CollectingSink sink = new CollectingSink();
        CodecPort broken = new RecordingCodec() {
            @Override
            public synchronized float[] decode(int[][] codes) {
                throw new IllegalStateException("codec exploded");
            }
        };
        assertThrows(RuntimeException.class, () -> engine(broken).speak(TEXT, null,
                options(SpeechOptions.Mode.EFFICIENT, SamplingParams.greedy()), sink, SpeechListener.NONE));
        assertTrue(sink.aborted && !sink.closed);
    }
}
