package dev.zonos4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.model.zonos.ConditioningInputs;
import dev.zonos4j.model.zonos.SamplingParams;
import dev.zonos4j.util.InvalidInputException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Every option is checked at the door: its edges are accepted, one step beyond is refused with a message naming it. */
class SpeechOptionsTest {

    private static SpeechOptions with(UnaryOperator<SpeechOptions.Builder> change) {
        return change.apply(SpeechOptions.builder()).build();
    }

    private static void refused(String message, UnaryOperator<SpeechOptions.Builder> change) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> with(change));
        assertEquals(message, e.getMessage());
    }

    @Test
    void defaultsAreUpstreams() {
        SpeechOptions d = SpeechOptions.defaults();
        assertEquals("en-us", d.language());
        assertArrayEquals(ConditioningInputs.DEFAULT_EMOTION, d.emotion());
        assertEquals(ConditioningInputs.DEFAULT_FMAX, d.fmax());
        assertEquals(ConditioningInputs.DEFAULT_PITCH_STD, d.pitchStd());
        assertEquals(ConditioningInputs.DEFAULT_SPEAKING_RATE, d.speakingRate());
        assertEquals(2f, d.cfgScale());
        assertEquals(0L, d.seed());
        assertEquals(SamplingParams.upstreamDefaults(), d.sampling());
        assertEquals(SpeechOptions.Mode.AUTO, d.mode());
        assertEquals(8, d.maxBatch());
        assertEquals(4L << 30, d.memoryBudgetBytes());
        assertEquals(0f, d.chainPrefixSeconds());
        assertEquals(0, d.maxFramesPerSegment());
        assertEquals(1, d.retries());
    }

    @Test
    void edgesAreAccepted() {
        with(b -> b.fmax(0).pitchStd(0).speakingRate(0).cfgScale(1).maxBatch(1).memoryBudgetBytes(1).chainPrefixSeconds(0)
                .maxFramesPerSegment(0).retries(0).emotion(new float[] {0, 0, 0, 0, 0, 0, 0, 1e-6f}));
        SpeechOptions top = with(b -> b.fmax(24000).pitchStd(400).speakingRate(40).maxBatch(32).chainPrefixSeconds(10)
                .retries(10).language("EN-US"));
        assertEquals("en-us", top.language(), "language codes are lower-cased");
        assertEquals(24000f, top.fmax());
        assertEquals(10, top.retries());
    }

    @Test
    void oneStepBeyondIsRefusedWithItsName() {
        refused("language must be given (e.g. en-us)", b -> b.language(" "));
        refused("language must be given (e.g. en-us)", b -> b.language(null));
        refused("emotion needs 8 values (happiness sadness disgust fear surprise anger other neutral)", b -> b.emotion(new float[7]));
        refused("emotion needs 8 values (happiness sadness disgust fear surprise anger other neutral)", b -> b.emotion(null));
        refused("emotion values must be >= 0, got [-0.1, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]",
                b -> b.emotion(new float[] {-0.1f, 1, 0, 0, 0, 0, 0, 0}));
        refused("emotion values must be >= 0, got [NaN, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]",
                b -> b.emotion(new float[] {Float.NaN, 1, 0, 0, 0, 0, 0, 0}));
        refused("emotion values must not all be 0", b -> b.emotion(new float[8]));
        refused("fmax must be in [0, 24000] Hz, got -1.0", b -> b.fmax(-1));
        refused("fmax must be in [0, 24000] Hz, got 24001.0", b -> b.fmax(24001));
        refused("pitch-std must be in [0, 400], got -0.5", b -> b.pitchStd(-0.5f));
        refused("pitch-std must be in [0, 400], got 400.5", b -> b.pitchStd(400.5f));
        refused("rate must be in [0, 40], got -0.5", b -> b.speakingRate(-0.5f));
        refused("rate must be in [0, 40], got 40.5", b -> b.speakingRate(40.5f));
        refused("cfg must be >= 1 (1 = no guidance), got 0.99", b -> b.cfgScale(0.99f));
        refused("cfg must be >= 1 (1 = no guidance), got Infinity", b -> b.cfgScale(Float.POSITIVE_INFINITY));
        refused("sampling settings must be given", b -> b.sampling(null));
        refused("mode must be given", b -> b.mode(null));
        refused("max-batch must be in [1, 32], got 0", b -> b.maxBatch(0));
        refused("max-batch must be in [1, 32], got 33", b -> b.maxBatch(33));
        refused("memory budget must be positive", b -> b.memoryBudgetBytes(0));
        refused("chain-prefix must be in [0, 10] seconds, got -0.1", b -> b.chainPrefixSeconds(-0.1f));
        refused("chain-prefix must be in [0, 10] seconds, got 10.1", b -> b.chainPrefixSeconds(10.1f));
        refused("max-frames must be >= 0, got -1", b -> b.maxFramesPerSegment(-1));
        refused("retries must be in [0, 10], got -1", b -> b.retries(-1));
        refused("retries must be in [0, 10], got 11", b -> b.retries(11));
    }

    @Test
    void emotionIsCopiedInAndOut() {
        float[] e = {1, 0, 0, 0, 0, 0, 0, 1};
        SpeechOptions o = with(b -> b.emotion(e));
        e[0] = 5;
        assertEquals(1f, o.emotion()[0]);
        o.emotion()[1] = 7;
        assertEquals(0f, o.emotion()[1]);
    }

    @Test
    void theBuilderKeepsEveryOptionItDoesNotChange() {
        SpeechOptions a = with(b -> b.language("de").emotion(new float[] {1, 2, 3, 4, 5, 6, 7, 8}).fmax(12000).pitchStd(50)
                .speakingRate(12).cfgScale(3).seed(42).sampling(SamplingParams.greedy()).mode(SpeechOptions.Mode.EFFICIENT)
                .maxBatch(5).memoryBudgetBytes(1234).chainPrefixSeconds(1.5f).maxFramesPerSegment(99).retries(4));
        SpeechOptions b = a.toBuilder().build();
        assertEquals(a.language(), b.language());
        assertArrayEquals(a.emotion(), b.emotion());
        assertEquals(a.fmax(), b.fmax());
        assertEquals(a.pitchStd(), b.pitchStd());
        assertEquals(a.speakingRate(), b.speakingRate());
        assertEquals(a.cfgScale(), b.cfgScale());
        assertEquals(42L, b.seed());
        assertEquals(a.sampling(), b.sampling());
        assertEquals(SpeechOptions.Mode.EFFICIENT, b.mode());
        assertEquals(5, b.maxBatch());
        assertEquals(1234L, b.memoryBudgetBytes());
        assertEquals(1.5f, b.chainPrefixSeconds());
        assertEquals(99, b.maxFramesPerSegment());
        assertEquals(4, b.retries());
    }

    @Test
    void resultRatesAreComputedAndUndefinedWithoutAudioOrTime() {
        SpeechResult r = new SpeechResult(10, 1, 4.0, 2.0, 0.5, 300, 10, 1, 1, 0, 0, 0, "standard", java.util.List.of(), null);
        assertEquals(0.5, r.rtf());
        assertEquals(150.0, r.framesPerSecond());
        SpeechResult empty = new SpeechResult(10, 1, 0.0, 0.0, Double.NaN, 0, 0, 1, 1, 0, 0, 0, "standard", java.util.List.of(), null);
        assertTrue(Double.isNaN(empty.rtf()) && Double.isNaN(empty.framesPerSecond()));
    }
}
