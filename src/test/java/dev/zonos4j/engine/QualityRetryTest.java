package dev.zonos4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zonos4j.TestKits;
import dev.zonos4j.audio.join.JoinConfig;
import dev.zonos4j.audio.quality.JoinBounds;
import dev.zonos4j.audio.quality.RetryRecord;
import dev.zonos4j.audio.quality.SegmentThresholds;
import dev.zonos4j.audio.quality.SegmentVerdict;
import dev.zonos4j.engine.SpeechEngineTest.CollectingSink;
import dev.zonos4j.model.zonos.ZonosModel;
import dev.zonos4j.tensor.Kernels;
import dev.zonos4j.tensor.WeightMatrix;
import dev.zonos4j.text.TextFrontEnd;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --quality-retry}: the codec gives each take a share of clipped samples chosen by a hash of its codes
 * ({@link ScriptedCodecs.Clipping}), so which takes are flagged, and how badly, is known from the codes alone.
 */
class QualityRetryTest {
    static final int BUDGET = 60;
    static final int CAP = 12;
    static final long SEED = 5;
    /** The speaking rate of scripted audio has nothing to do with the text: only clipping decides. */
    static final SegmentThresholds ANY_RATE = new SegmentThresholds(0, 1e9, 0.4, 1.5, 0.001, 6, 0.5);

    static ZonosModel tiny;

    @BeforeAll
    static void load() {
        tiny = ZonosModel.load(TestKits.zonos().resolve("tiny"), WeightMatrix.Storage.F32, 64L << 20, Kernels.preferred());
    }

    record Run(SpeechResult result, float[] audio, List<int[][]> decoded, Map<Integer, float[]> heard) {
    }

    static Run speak(SpeechOptions.Mode mode, int qualityRetry) throws IOException {
        ScriptedCodecs.Clipping codec = new ScriptedCodecs.Clipping();
        SpeechEngine engine = new SpeechEngine(tiny, codec, TextFrontEnd.shared(), JoinConfig.defaults(44_100), BUDGET);
        SpeechOptions options = SpeechOptions.builder().mode(mode).maxBatch(4).seed(SEED).maxFramesPerSegment(CAP)
                .retries(0).quality(new QualitySettings(qualityRetry, ANY_RATE, JoinBounds.DEFAULTS, 0)).build();
        CollectingSink sink = new CollectingSink();
        Map<Integer, float[]> heard = new TreeMap<>();
        SpeechResult r = engine.speak(SpeechEngineTest.TEXT, null, options, sink, new SpeechListener() {
            @Override
            public void segmentAudio(int index, float[] samples, int sampleRate, int phonemes) {
                heard.put(index, samples.clone());
            }
        });
        return new Run(r, sink.all(), codec.decoded, heard);
    }

    static double clipped(float[] x) {
        long n = 0;
        for (float v : x) {
            n += Math.abs(v) >= 0.99995f ? 1 : 0;
        }
        return (double) n / x.length;
    }

    @Test
    void aFlaggedSegmentIsRetriedAndTheBestTakeKept() throws IOException {
        Run once = speak(SpeechOptions.Mode.STANDARD, 0);
        Run retried = speak(SpeechOptions.Mode.STANDARD, 3);
        List<SegmentVerdict> first = once.result().report().quality().segments();
        List<SegmentVerdict> kept = retried.result().report().quality().segments();
        Map<Integer, RetryRecord> retries = new TreeMap<>();
        retried.result().report().quality().retries().forEach(r -> retries.put(r.segment(), r));
        int segments = first.size();
        assertTrue(segments >= 4, "want several segments, got " + segments);

        // Standard mode without retries decodes each segment once, in order; with them, every take in turn.
        assertEquals(segments, once.decoded().size());
        int at = 0;
        int improved = 0;
        for (int s = 0; s < segments; s++) {
            int firstLevel = ScriptedCodecs.Clipping.level(once.decoded().get(s));
            boolean flagged = firstLevel > 0;
            assertEquals(flagged, first.get(s).reasons().stream().anyMatch(r -> r.startsWith("clipped")),
                    "segment " + s + " without retries: " + first.get(s).reasons());
            assertEquals(flagged, retries.containsKey(s), "only flagged segments are retried: segment " + s);
            int takes = flagged ? retries.get(s).seeds().size() : 1;
            List<Integer> levels = new ArrayList<>();
            for (int t = 0; t < takes; t++) {
                levels.add(ScriptedCodecs.Clipping.level(retried.decoded().get(at + t)));
            }
            at += takes;
            assertArrayEquals(once.decoded().get(s), retried.decoded().get(at - takes), "the first take is the same");
            // Takes go on while flagged, at most 1 + 3 of them; the best (least clipped, earliest on a tie) is kept.
            for (int t = 0; t < takes - 1; t++) {
                assertTrue(levels.get(t) > 0, "segment " + s + " take " + t + " passed, yet another was made: " + levels);
            }
            assertTrue(takes == 4 || levels.getLast() == 0, "segment " + s + " stopped early: " + levels);
            int best = levels.indexOf(levels.stream().min(Integer::compare).orElseThrow());
            List<Long> seeds = new ArrayList<>();
            for (int t = 0; t < takes; t++) {
                seeds.add(SegmentJob.seedFor(SEED, s, t));
            }
            assertEquals(seeds.get(best), kept.get(s).seed(), "segment " + s + " keeps its best take " + levels);
            assertEquals(takes, kept.get(s).takes());
            assertEquals(clipped(ScriptedCodecs.Clipping.audio(levels.get(best))), clipped(retried.heard().get(s)), 1e-9,
                    "the audio joined is the kept take's");
            if (flagged) {
                RetryRecord r = retries.get(s);
                assertEquals(seeds, r.seeds());
                assertEquals(seeds.get(best), r.keptSeed());
                assertTrue(r.reasons().getFirst().startsWith("clipped"), r.reasons()::toString);
                assertEquals(levels.get(best) > 0, !r.keptReasons().isEmpty());
                improved += best > 0 ? 1 : 0;
            }
        }
        assertEquals(at, retried.decoded().size(), "every take was decoded once, and nothing else");
        assertTrue(improved > 0 && retries.size() < segments, "want a segment that kept a later take and one never "
                + "retried: retries " + retries.keySet() + ", improved " + improved);
        JsonNode json = retried.result().report().toJson();
        assertEquals(retries.size(), json.get("retries").size());
        assertEquals(kept.get(0).seed(), json.get("segments").get(0).get("seed").asLong());
    }

    @Test
    void standardAndEfficientModesGiveTheSameAudioAndVerdicts() throws IOException {
        Run standard = speak(SpeechOptions.Mode.STANDARD, 2);
        Run efficient = speak(SpeechOptions.Mode.EFFICIENT, 2);
        assertEquals("efficient", efficient.result().mode());
        assertTrue(efficient.result().batchSize() > 1, "efficient mode should batch segments");
        assertArrayEquals(standard.audio(), efficient.audio());
        JsonNode a = standard.result().report().toJson();
        JsonNode b = efficient.result().report().toJson();
        for (String key : List.of("segments", "joins", "retries", "envelope", "segments_flagged", "audio_seconds", "frames")) {
            assertEquals(a.get(key), b.get(key), key);
        }
        assertTrue(a.get("retries").size() > 0, "some segment should be retried");
    }
}
