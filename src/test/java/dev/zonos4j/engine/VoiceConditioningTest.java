package dev.zonos4j.engine;

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
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The voice reaches every segment's conditioning: another voice gives other codes, the same voice the same codes. */
class VoiceConditioningTest {
    static final int BUDGET = 60;
    static final int MAX_FRAMES = 16;
    static final long SEED = 21;

    static ZonosModel lm;

    @BeforeAll
    static void load() {
        lm = ZonosModel.load(TestKits.zonos().resolve("tiny"), WeightMatrix.Storage.F32, 64L << 20, Kernels.preferred());
    }

    /** A speaker embedding of the scale the speaker encoder gives (unit-variance values). */
    static float[] voice(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[128];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (2 * r.nextDouble() - 1) * 1.7f;
        }
        return v;
    }

    static List<int[][]> codes(float[] speaker, SpeechOptions.Mode mode) throws IOException {
        RecordingCodec codec = new RecordingCodec();
        SpeechEngine engine = new SpeechEngine(lm, codec, TextFrontEnd.shared(), JoinConfig.defaults(44_100), BUDGET);
        SpeechOptions o = SpeechOptions.builder().mode(mode).maxBatch(4).seed(SEED).sampling(SamplingParams.greedy())
                .maxFramesPerSegment(MAX_FRAMES).retries(0).build();
        engine.speak(SpeechEngineTest.TEXT, speaker, o, new CollectingSink(), SpeechListener.NONE);
        return codec.decoded;
    }

    @Test
    void everySegmentIsSpokenInTheGivenVoice() throws IOException {
        float[] alice = voice(1);
        float[] bob = voice(2);
        List<int[][]> a = codes(alice, SpeechOptions.Mode.EFFICIENT);
        List<int[][]> aAgain = codes(alice.clone(), SpeechOptions.Mode.STANDARD);
        List<int[][]> b = codes(bob, SpeechOptions.Mode.EFFICIENT);
        List<int[][]> neutral = codes(null, SpeechOptions.Mode.EFFICIENT);
        List<Segment> segments = TextFrontEnd.shared().segment(SpeechEngineTest.TEXT, Language.of("en-us"), BUDGET);
        assertEquals(segments.size(), a.size());
        for (int s = 0; s < a.size(); s++) {
            assertTrue(Arrays.deepEquals(a.get(s), aAgain.get(s)), "segment " + s + ": the same voice must give the same codes");
            assertFalse(Arrays.deepEquals(a.get(s), b.get(s)), "segment " + s + ": two voices gave the same codes");
            assertFalse(Arrays.deepEquals(a.get(s), neutral.get(s)), "segment " + s + ": the voice was not used");
            // What the model gives for this segment and voice when called directly.
            assertTrue(Arrays.deepEquals(DirectGeneration.codes(lm, segments.get(s), alice, null, SamplingParams.greedy(), SEED,
                    MAX_FRAMES), a.get(s)), "segment " + s + " is not what the model gives for this voice");
        }
    }
}
