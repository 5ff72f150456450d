package dev.zonos4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.audio.AudioClip;
import dev.zonos4j.audio.TestAudio;
import dev.zonos4j.audio.join.JoinConfig;
import dev.zonos4j.engine.QualitySettings;
import dev.zonos4j.engine.SpeechListener;
import dev.zonos4j.engine.SpeechOptions;
import dev.zonos4j.engine.SpeechReport;
import dev.zonos4j.engine.SpeechResult;
import dev.zonos4j.engine.voice.Voice;
import dev.zonos4j.model.zonos.SamplingParams;
import dev.zonos4j.tensor.WeightMatrix;
import dev.zonos4j.text.TextFrontEnd;
import dev.zonos4j.weights.hub.HubConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
        return open(TestKits.speaker().resolve("tiny").toString());
    }

    private ZonosTts open(String speakerModel) {
        ZonosTts.Config c = new ZonosTts.Config(TestKits.zonos().resolve("tiny").toString(),
                TestKits.dac().resolve("tiny").toString(), speakerModel,
                WeightMatrix.Storage.F32, 0, 64L << 20, tmp.resolve("voices.db"), 8,
                HubConfig.of(URI.create("http://127.0.0.1:9"), tmp.resolve("hub")).withOffline(true),
                JoinConfig.defaults(44_100), TextFrontEnd.DEFAULT_BUDGET);
        return ZonosTts.open(c);
    }

    private static SpeechOptions options() {
        return SpeechOptions.builder().seed(3).maxFramesPerSegment(24).sampling(SamplingParams.upstreamDefaults()).build();
    }

    @Test
    void theResultCarriesTheReportAndVoicesAreComparedWhenAsked() throws Exception {
        String text = "One sentence to start. Another one follows.\n\nAnd a new paragraph.";
        SpeechOptions compared = options().toBuilder()
                .quality(QualitySettings.DEFAULTS.withSimilaritySeconds(QualitySettings.DEFAULT_SIMILARITY_SECONDS)).build();
        try (ZonosTts tts = open()) {
            float[] clip = new float[16_000 * 6];
            for (int i = 0; i < clip.length; i++) {
                clip[i] = (float) (0.3 * Math.sin(i * 0.07) * (1 + Math.sin(i * 0.0005)));
            }
            Voice voice = tts.voices().fromClip(new AudioClip(new float[][] {clip}, 16_000), "synthetic clip");
            SpeechReport plain = tts.generateSpeech(text, voice, options()).result().report();
            assertTrue(plain.toJson().get("segments").get(0).get("voice_similarity").isNull(), "off by default");
            SpeechReport report = tts.generateSpeech(text, voice, compared).result().report();
            assertEquals(report.segmentCount(), report.quality().segments().size());
            for (var s : report.quality().segments()) {
                assertTrue(s.voiceSimilarity() >= -1 && s.voiceSimilarity() <= 1, s.toString());
            }
        }
        // A speaker model that cannot be loaded leaves voices unmeasured and says so; the speech is still made.
        try (ZonosTts tts = open(tmp.resolve("no-speaker-model").toString())) {
            SpeechResult r = tts.generateSpeech(text, null, compared).result();
            assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("voice similarity not measured")), r.warnings()::toString);
            assertTrue(r.report().toJson().get("segments").get(1).get("similarity_to_previous").isNull());
        }
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

    /**
     * Waits until {@code caller} is parked inside the shared scheduler, i.e. its request has been handed over and
     * waits to be run (the scheduler registers a request before its caller starts waiting for the result).
     */
    static void awaitQueuedInScheduler(Thread caller) throws InterruptedException {
        for (int polls = 0; polls < 600_000; polls++) {
            Thread.State state = caller.getState();
            if (state == Thread.State.TERMINATED) {
                throw new AssertionError("the second caller ended before its request reached the scheduler");
            }
            if (state == Thread.State.WAITING && Arrays.stream(caller.getStackTrace())
                    .anyMatch(f -> f.getClassName().equals("dev.zonos4j.engine.Scheduler"))) {
                return;
            }
            Thread.sleep(0, 100_000);
        }
        throw new AssertionError("the second caller never reached the scheduler");
    }

    @Test
    void concurrentCallersShareStepsAndGetWhatTheyWouldAlone() throws Exception {
        String a = dev.zonos4j.engine.SampleText.of(1_500, 11);
        String b = "A second caller, at the same time, wants another text spoken. It is short.";
        try (ZonosTts tts = open()) {
            SpeechOptions o = options().toBuilder().mode(SpeechOptions.Mode.STANDARD).build();
            float[] aloneA = tts.generateSpeech(a, null, o).samples();
            float[] aloneB = tts.generateSpeech(b, null, o).samples();
            // When a's first segment is done (this listener runs on the scheduler thread, so nothing else is admitted
            // meanwhile), b is asked for and the scheduler waits until b's request is queued: b's first segment and a's
            // second are then admitted together and must share steps.
            CompletableFuture<ZonosTts.Speech> fb = new CompletableFuture<>();
            Thread callerB = Thread.ofPlatform().unstarted(() -> {
                try {
                    fb.complete(tts.generateSpeech(b, null, o));
                } catch (RuntimeException | Error e) {
                    fb.completeExceptionally(e);
                }
            });
            List<Throwable> listenerFailures = new ArrayList<>();
            Collect sink = new Collect();
            SpeechResult ra = tts.generateSpeech(a, null, o, sink, new SpeechListener() {
                public void segmentGenerated(int index, int frames) {
                    if (index == 0) {
                        callerB.start();
                        try {
                            awaitQueuedInScheduler(callerB);
                        } catch (InterruptedException | AssertionError e) {
                            listenerFailures.add(e);
                        }
                    }
                }
            });
            ZonosTts.Speech sb = fb.get(120, TimeUnit.SECONDS);
            assertEquals(List.of(), listenerFailures);
            assertTrue(ra.segments() >= 2, "a needs a second segment to share with b, got " + ra.segments());
            assertArrayEquals(aloneA, sink.samples());
            assertArrayEquals(aloneB, sb.samples());
            assertEquals(1, ra.batchSize());
            assertEquals(2, ra.sharedBatch(), "a's second segment and b's first should have been decoded in the same steps");
            assertEquals(2, sb.result().sharedBatch());
        }
    }

    @Test
    void cfgOneRunsWithoutGuidanceAndStaysBatchInvariant() {
        String text = dev.zonos4j.engine.SampleText.of(1_000, 5);
        try (ZonosTts tts = open()) {
            SpeechOptions base = options().toBuilder().cfgScale(1f).maxBatch(4).build();
            ZonosTts.Speech alone = tts.generateSpeech(text, null, base.toBuilder().mode(SpeechOptions.Mode.STANDARD).build());
            ZonosTts.Speech batched = tts.generateSpeech(text, null, base.toBuilder().mode(SpeechOptions.Mode.EFFICIENT).build());
            // one segment at a time, so both peaks are one segment's reservation whatever the admission timing
            ZonosTts.Speech guided = tts.generateSpeech(text, null,
                    base.toBuilder().cfgScale(2f).mode(SpeechOptions.Mode.STANDARD).build());
            assertTrue(alone.result().segments() > 1, "want several segments, got " + alone.result().segments());
            assertEquals(1, alone.result().batchSize());
            assertTrue(batched.result().batchSize() > 1, "efficient mode batched nothing");
            assertArrayEquals(alone.samples(), batched.samples());
            assertTrue(alone.samples().length > 0);
            // Without guidance a segment is one stream: half the KV memory of the guided run, segment for segment.
            assertEquals(guided.result().segments(), alone.result().segments());
            assertEquals(guided.result().peakKvBytes(), 2 * alone.result().peakKvBytes());
            assertFalse(Arrays.equals(guided.samples(), alone.samples()), "guidance should change the audio");
        }
    }

    private Path clip(String name, long seed) {
        float[] x = TestAudio.plusNoise(TestAudio.bursts(6, 0.3, 0.2, 0.01 + 0.02 * seed, 16000), 1e-7, seed);
        for (int i = 0; i < x.length; i++) {
            x[i] *= (float) (1 + 0.5 * Math.sin(i * 0.001 * seed));
        }
        return TestAudio.writeWav(tmp.resolve(name), new AudioClip(new float[][] {x}, 16000), TestAudio.Encoding.PCM16);
    }

    @Test
    void aVoiceChangesTheSpeechAndASavedVoiceSpeaksLikeItsClip() {
        String text = "One sentence to start. Another one follows. And a third to finish.";
        try (ZonosTts tts = open()) {
            Path aliceClip = clip("alice.wav", 1);
            tts.voices().add("alice", aliceClip);
            Voice fromClip = tts.voiceFromClip(aliceClip);
            Voice saved = tts.voice("alice");
            Voice bob = tts.voiceFromClip(clip("bob.wav", 2));
            assertArrayEquals(fromClip.embedding(), saved.embedding());
            assertFalse(Arrays.equals(fromClip.embedding(), bob.embedding()));
            float[] a = tts.generateSpeech(text, fromClip, options()).samples();
            assertArrayEquals(a, tts.generateSpeech(text, saved, options()).samples(), "a saved voice must speak like its clip");
            assertArrayEquals(a, tts.generateSpeech(text, fromClip, options()).samples(), "the same voice, the same audio");
            assertFalse(Arrays.equals(a, tts.generateSpeech(text, bob, options()).samples()), "two voices gave the same audio");
            assertFalse(Arrays.equals(a, tts.generateSpeech(text, null, options()).samples()), "the voice was not used");
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
