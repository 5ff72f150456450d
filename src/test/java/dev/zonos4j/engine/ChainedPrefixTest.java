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
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code --chain-prefix}: each segment continues from the last seconds of the previous segment's codes. */
class ChainedPrefixTest {
    static final int BUDGET = 60;
    static final int MAX_FRAMES = 20;
    static final long SEED = 9;

    static ZonosModel lm;

    @BeforeAll
    static void load() {
        lm = ZonosModel.load(TestKits.zonos().resolve("tiny"), WeightMatrix.Storage.F32, 64L << 20, Kernels.preferred());
    }

    record Outcome(SpeechResult result, List<int[][]> codes) {
    }

    static Outcome speak(SpeechOptions o) throws IOException {
        RecordingCodec codec = new RecordingCodec();
        SpeechEngine engine = new SpeechEngine(lm, codec, TextFrontEnd.shared(), JoinConfig.defaults(44_100), BUDGET);
        SpeechResult r = engine.speak(SpeechEngineTest.TEXT, null, o, new CollectingSink(), SpeechListener.NONE);
        return new Outcome(r, codec.decoded);
    }

    @Test
    void eachSegmentContinuesFromThePreviousSegmentsLastFrames() throws IOException {
        SamplingParams sampling = SamplingParams.upstreamDefaults();
        SpeechOptions plain = SpeechOptions.builder().mode(SpeechOptions.Mode.EFFICIENT).maxBatch(4).seed(SEED)
                .sampling(sampling).maxFramesPerSegment(MAX_FRAMES).retries(0).build();
        // 0.1 s at 44100 / 512 frames per second is 9 frames.
        Outcome chained = speak(plain.toBuilder().chainPrefixSeconds(0.1f).build());
        Outcome unchained = speak(plain);
        List<Segment> segments = TextFrontEnd.shared().segment(SpeechEngineTest.TEXT, Language.of("en-us"), BUDGET);
        assertTrue(segments.size() >= 4);
        assertEquals("standard+chain", chained.result().mode());
        assertEquals(1, chained.result().batchSize(), "chaining is sequential, whatever mode was asked for");
        assertTrue(unchained.result().batchSize() > 1);

        for (int i = 0; i < segments.size(); i++) {
            int[][] prefix = i == 0 ? null : DirectGeneration.tail(chained.codes().get(i - 1), 9);
            int[][] expected = DirectGeneration.codes(lm, segments.get(i), null, prefix, sampling, SEED, MAX_FRAMES);
            assertTrue(Arrays.deepEquals(expected, chained.codes().get(i)),
                    "segment " + i + " should be generated from the previous segment's last 9 frames");
            if (i == 0) {
                assertArrayEquals(unchained.codes().get(0)[0], chained.codes().get(0)[0], "the first segment has no prefix");
            } else {
                assertFalse(Arrays.deepEquals(unchained.codes().get(i), chained.codes().get(i)),
                        "segment " + i + ": the prefix should change what is generated");
            }
        }
        assertTrue(chained.result().peakKvBytes() > 0);
    }
}
