package dev.zonos4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.TestKits;
import dev.zonos4j.audio.join.JoinConfig;
import dev.zonos4j.engine.SpeechEngineTest.CollectingSink;
import dev.zonos4j.engine.SpeechEngineTest.RecordingCodec;
import dev.zonos4j.model.zonos.SamplingParams;
import dev.zonos4j.model.zonos.ZonosModel;
import dev.zonos4j.tensor.Kernels;
import dev.zonos4j.tensor.WeightMatrix;
import dev.zonos4j.text.Language;
import dev.zonos4j.text.Segment;
import dev.zonos4j.text.TextFrontEnd;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard rails of a segment: one that runs into its frame cap, or ends far too early, is generated again with a
 * new seed up to {@code retries} times, and every such event is reported as a warning naming the segment.
 */
class SegmentRetryTest {
    static final String TEXT = SpeechEngineTest.TEXT;
    static final int BUDGET = 60;
    static final int CAP = 12;

    @TempDir
    static Path tmp;

    static ZonosModel tiny;
    static ZonosModel quitter;
    static List<Segment> segments;

    @BeforeAll
    static void load() throws IOException {
        tiny = ZonosModel.load(TestKits.zonos().resolve("tiny"), WeightMatrix.Storage.F32, 64L << 20, Kernels.preferred());
        quitter = ZonosModel.load(QuittingModel.write(tmp.resolve("quitter")), WeightMatrix.Storage.F32, 64L << 20,
                Kernels.preferred());
        segments = TextFrontEnd.shared().segment(TEXT, Language.of("en-us"), BUDGET);
    }

    record Outcome(SpeechResult result, List<int[][]> codes) {
    }

    static Outcome speak(ZonosModel lm, SpeechOptions options) throws IOException {
        RecordingCodec codec = new RecordingCodec();
        SpeechEngine engine = new SpeechEngine(lm, codec, TextFrontEnd.shared(), JoinConfig.defaults(44_100), BUDGET);
        SpeechResult r = engine.speak(TEXT, null, options, new CollectingSink(), SpeechListener.NONE);
        return new Outcome(r, codec.decoded);
    }

    static SpeechOptions options(int retries) {
        return SpeechOptions.builder().mode(SpeechOptions.Mode.STANDARD).seed(5).sampling(SamplingParams.upstreamDefaults())
                .maxFramesPerSegment(CAP).retries(retries).build();
    }

    static String name(Segment s) {
        return "segment " + (s.index() + 1) + " (characters " + s.start() + "-" + s.end() + ")";
    }

    /** Indexes of the segments whose codes ran to the cap. */
    static List<Integer> capped(Outcome o) {
        List<Integer> out = new ArrayList<>();
        for (int s = 0; s < o.codes().size(); s++) {
            if (o.codes().get(s)[0].length == CAP) {
                out.add(s);
            }
        }
        return out;
    }

    @Test
    void aSegmentThatNeverEndsIsCutAtItsCapAndRetried() throws IOException {
        assertTrue(segments.size() >= 4, "want several segments, got " + segments.size());
        SamplingParams greedy = SamplingParams.greedy();
        Outcome once = speak(tiny, options(0).toBuilder().sampling(greedy).build());
        Outcome twice = speak(tiny, options(1).toBuilder().sampling(greedy).build());
        Outcome thrice = speak(tiny, options(2).toBuilder().sampling(greedy).build());
        List<Integer> capped = capped(once);
        assertFalse(capped.isEmpty(), "greedy decoding of the random tiny model should run into the cap");

        List<String> expectedOnce = new ArrayList<>();
        List<String> expectedTwice = new ArrayList<>();
        for (int s : capped) {
            String what = name(segments.get(s)) + " never ended (cut at its cap of " + CAP + " frames)";
            expectedOnce.add(what);
            expectedTwice.add(what + "; retrying with a new seed");
            expectedTwice.add(what + " after 2 attempts");
        }
        assertEquals(expectedOnce, once.result().warnings());
        assertEquals(expectedTwice, twice.result().warnings());
        assertEquals(3 * capped.size(), thrice.result().warnings().size());

        // Greedy decoding ignores the seed, so each retry of a capped segment runs the same number of steps again.
        int perRetry = twice.result().steps() - once.result().steps();
        assertTrue(perRetry >= capped.size() * CAP, "retries should take extra steps, took " + perRetry);
        assertEquals(perRetry, thrice.result().steps() - twice.result().steps());
        assertEquals(once.result().frames(), thrice.result().frames());
        // The scheduler protects a first segment for the steps it expects of it: a capped one must not outrun them.
        assertTrue(perRetry / capped.size() <= CAP + ZonosBatchModel.FLUSH_STEPS, "a sequence capped at " + CAP
                + " frames took " + perRetry / capped.size() + " steps, more than its expected steps");
    }

    @Test
    void aRetryRunsWithANewSeedAndOnlyCappedSegmentsAreRetried() throws IOException {
        Outcome once = speak(tiny, options(0));
        Outcome twice = speak(tiny, options(1));
        List<Integer> capped = capped(once);
        // Sampled, the random tiny model ends some segments by itself within 12 frames and runs others into the cap.
        assertTrue(!capped.isEmpty() && capped.size() < segments.size(), "want both kinds of segment, capped: " + capped);
        List<String> expected = new ArrayList<>();
        for (int s = 0; s < segments.size(); s++) {
            if (!capped.contains(s)) {
                assertArrayEquals(once.codes().get(s), twice.codes().get(s), "segment " + s + " ended well and is not retried");
                continue;
            }
            assertFalse(Arrays.deepEquals(once.codes().get(s), twice.codes().get(s)),
                    "segment " + s + ": the retry should run with a new seed and give other codes");
            String what = name(segments.get(s)) + " never ended (cut at its cap of " + CAP + " frames)";
            expected.add(what + "; retrying with a new seed");
            if (twice.codes().get(s)[0].length == CAP) {
                expected.add(what + " after 2 attempts");
            }
        }
        assertEquals(expected, twice.result().warnings());
    }

    @Test
    void aSegmentThatEndsFarTooEarlyIsRetriedAndReported() throws IOException {
        Outcome once = speak(quitter, options(0).toBuilder().maxFramesPerSegment(0).build());
        Outcome twice = speak(quitter, options(1).toBuilder().maxFramesPerSegment(0).build());
        List<String> expectedOnce = new ArrayList<>();
        List<String> expectedTwice = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            int frames = once.codes().get(i)[0].length;
            assertTrue(frames < 4, "the quitting model should end segment " + i + " at once, got " + frames + " frames");
            String what = name(segments.get(i)) + " ended after only " + frames + " frames";
            expectedOnce.add(what);
            expectedTwice.add(what + "; retrying with a new seed");
            expectedTwice.add(what + " after 2 attempts");
        }
        assertEquals(expectedOnce, once.result().warnings());
        assertEquals(expectedTwice, twice.result().warnings());
        assertEquals(2 * once.result().steps(), twice.result().steps());
    }

    @Test
    void theDefaultIsOneRetry() throws IOException {
        SpeechOptions defaults = SpeechOptions.builder().mode(SpeechOptions.Mode.STANDARD).seed(5)
                .sampling(SamplingParams.upstreamDefaults()).maxFramesPerSegment(CAP).build();
        assertEquals(1, defaults.retries());
        assertEquals(speak(tiny, options(1)).result().warnings(), speak(tiny, defaults).result().warnings());
    }
}
