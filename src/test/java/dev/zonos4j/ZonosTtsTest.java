package dev.zonos4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.audio.AudioClip;
import dev.zonos4j.audio.join.JoinConfig;
import dev.zonos4j.engine.SpeechOptions;
import dev.zonos4j.engine.voice.Voice;
import dev.zonos4j.model.zonos.SamplingParams;
import dev.zonos4j.tensor.WeightMatrix;
import dev.zonos4j.text.TextFrontEnd;
import dev.zonos4j.weights.hub.HubConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZonosTtsTest {
    @TempDir
    Path tmp;

    private ZonosTts open() {
        ZonosTts.Config c = new ZonosTts.Config(TestKits.zonos().resolve("tiny").toString(),
                TestKits.dac().resolve("tiny").toString(), TestKits.speaker().resolve("tiny").toString(),
                WeightMatrix.Storage.F32, 0, 64L << 20, tmp.resolve("voices.db"), 8,
                HubConfig.of(URI.create("http://127.0.0.1:9"), tmp.resolve("hub")).withOffline(true),
                JoinConfig.defaults(44_100), TextFrontEnd.DEFAULT_BUDGET);
        return ZonosTts.open(c);
    }

    private static SpeechOptions options() {
        return SpeechOptions.builder().seed(3).maxFramesPerSegment(24).sampling(SamplingParams.upstreamDefaults()).build();
    }

    @Test
    void speaksInAClonedVoiceAndStreamsTheSameAudio() throws Exception {
        String text = "One sentence to start. Another one follows. And a third to finish.";
        try (ZonosTts tts = open()) {
            float[] clip = new float[16_000 * 6];
            for (int i = 0; i < clip.length; i++) {
                clip[i] = (float) (0.3 * Math.sin(i * 0.07) * (1 + Math.sin(i * 0.0005)));
            }
            Voice voice = tts.voices().fromClip(new AudioClip(new float[][] {clip}, 16_000), "synthetic clip");
            ZonosTts.Speech speech = tts.generateSpeech(text, voice, options());
            assertEquals(44_100, speech.sampleRate());
            assertTrue(speech.samples().length > 0 && speech.result().segments() >= 1);

            List<float[]> chunks = new ArrayList<>();
            CompletableFuture<Void> done = new CompletableFuture<>();
            tts.streamSpeech(text, voice, options()).subscribe(new Flow.Subscriber<>() {
                public void onSubscribe(Flow.Subscription s) {
                    s.request(Long.MAX_VALUE);
                }

                public void onNext(float[] chunk) {
                    chunks.add(chunk);
                }

                public void onError(Throwable t) {
                    done.completeExceptionally(t);
                }

                public void onComplete() {
                    done.complete(null);
                }
            });
            done.get(120, TimeUnit.SECONDS);
            int n = chunks.stream().mapToInt(c -> c.length).sum();
            float[] streamed = new float[n];
            int p = 0;
            for (float[] c : chunks) {
                System.arraycopy(c, 0, streamed, p, c.length);
                p += c.length;
            }
            assertArrayEquals(speech.samples(), streamed);
        }
    }

    @Test
    void concurrentCallersShareStepsAndGetWhatTheyWouldAlone() throws Exception {
        String a = dev.zonos4j.engine.SampleText.of(1_500, 11);
        String b = "A second caller, at the same time, wants another text spoken. It is short.";
        try (ZonosTts tts = open()) {
            SpeechOptions o = options().toBuilder().mode(SpeechOptions.Mode.STANDARD).build();
            float[] aloneA = tts.generateSpeech(a, null, o).samples();
            float[] aloneB = tts.generateSpeech(b, null, o).samples();
            // b is asked for once a has finished its first segment, while a's later segments still run.
            java.util.concurrent.CountDownLatch aStarted = new java.util.concurrent.CountDownLatch(1);
            var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            var fa = pool.submit(() -> {
                Collect sink = new Collect();
                var r = tts.generateSpeech(a, null, o, sink, new dev.zonos4j.engine.SpeechListener() {
                    public void segmentGenerated(int index, int frames) {
                        aStarted.countDown();
                    }
                });
                return new ZonosTts.Speech(sink.samples(), 44_100, r);
            });
            assertTrue(aStarted.await(120, TimeUnit.SECONDS));
            var fb = pool.submit(() -> tts.generateSpeech(b, null, o));
            ZonosTts.Speech sa = fa.get(120, TimeUnit.SECONDS);
            ZonosTts.Speech sb = fb.get(120, TimeUnit.SECONDS);
            pool.shutdown();
            assertArrayEquals(aloneA, sa.samples());
            assertArrayEquals(aloneB, sb.samples());
            assertEquals(1, sa.result().batchSize());
            assertTrue(sb.result().sharedBatch() > 1,
                    "the two requests' segments should have been decoded in the same steps");
        }
    }

    @Test
    void cfgOneRunsWithoutGuidanceAndStaysBatchInvariant() {
        String text = "First of several sentences here. The second is a little longer than the first one was. Third.";
        try (ZonosTts tts = open()) {
            SpeechOptions base = options().toBuilder().cfgScale(1f).build();
            ZonosTts.Speech alone = tts.generateSpeech(text, null, base.toBuilder().mode(SpeechOptions.Mode.STANDARD).build());
            ZonosTts.Speech batched = tts.generateSpeech(text, null, base.toBuilder().mode(SpeechOptions.Mode.EFFICIENT).build());
            assertArrayEquals(alone.samples(), batched.samples());
            assertTrue(alone.samples().length > 0);
        }
    }

    /** Keeps the streamed samples. */
    static final class Collect implements dev.zonos4j.engine.AudioSink {
        private final List<float[]> chunks = new ArrayList<>();

        public void open(int rate) {
        }

        public void write(float[] s, int off, int len) {
            chunks.add(java.util.Arrays.copyOfRange(s, off, off + len));
        }

        public void close() {
        }

        public void abort() {
        }

        float[] samples() {
            float[] out = new float[chunks.stream().mapToInt(c -> c.length).sum()];
            int p = 0;
            for (float[] c : chunks) {
                System.arraycopy(c, 0, out, p, c.length);
                p += c.length;
            }
            return out;
        }
    }
}
