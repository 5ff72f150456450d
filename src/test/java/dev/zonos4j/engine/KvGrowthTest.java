package dev.zonos4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.TestKits;
import dev.zonos4j.audio.join.JoinConfig;
import dev.zonos4j.model.zonos.SamplingParams;
import dev.zonos4j.model.zonos.ZonosModel;
import dev.zonos4j.tensor.Kernels;
import dev.zonos4j.tensor.KvPool;
import dev.zonos4j.tensor.WeightMatrix;
import dev.zonos4j.text.Language;
import dev.zonos4j.text.Segment;
import dev.zonos4j.text.TextFrontEnd;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * KV memory reserved as segments grow, end to end on the tiny model: more segments run at once than their worst
 * cases would allow, segments that wait for memory mid-run finish, and no segment's codes or audio change. The
 * scheduler's step costs are flat so that what runs together does not depend on timing.
 */
class KvGrowthTest {
    static final int SEGMENT_BUDGET = 60;
    /** Frames per segment: below every segment's own cap, so each runs exactly this long (3 KV blocks of growth). */
    static final int CAP = 150;

    static ZonosModel lm;
    static List<Long> worstCases;
    static Run reference;

    record Run(SpeechResult result, SpeechEngineTest.RecordingCodec codec, SpeechEngineTest.CollectingSink sink) {
    }

    @BeforeAll
    static void load() throws IOException {
        // small blocks, so that the tiny model's short segments take several as they grow
        lm = ZonosModel.load(TestKits.zonos().resolve("tiny"), WeightMatrix.Storage.F32, 64L << 20, Kernels.preferred(),
                KvPool.F32_BLOCK_POSITIONS);
        List<Segment> segments = TextFrontEnd.shared().segment(SpeechEngineTest.TEXT, Language.of("en-us"), SEGMENT_BUDGET);
        int conditioners = lm.config().prefixConditioner().conditioners().size();
        worstCases = segments.stream().map(s -> lm.kvBytesFor(TextFrontEnd.shared().prepare(s.text(), Language.of("en-us"))
                .tokenIds().length + conditioners - 1, 0, CAP, 2f)).toList();
        reference = speak(lm, SpeechOptions.Mode.STANDARD, 64L << 20);
        assertEquals(segments.size(), reference.result().segments());
    }

    static Run speak(ZonosModel model, SpeechOptions.Mode mode, long budget) throws IOException {
        SpeechEngineTest.RecordingCodec codec = new SpeechEngineTest.RecordingCodec();
        SpeechEngineTest.CollectingSink sink = new SpeechEngineTest.CollectingSink();
        SpeechEngine engine = new SpeechEngine(model, codec, TextFrontEnd.shared(), JoinConfig.defaults(44_100), SEGMENT_BUDGET,
                StepCost.flat());
        SpeechOptions options = SpeechOptions.builder().mode(mode).maxBatch(8).seed(99).sampling(SamplingParams.upstreamDefaults())
                .maxFramesPerSegment(CAP).memoryBudgetBytes(budget).build();
        SpeechResult r = engine.speak(SpeechEngineTest.TEXT, null, options, sink, SpeechListener.NONE);
        return new Run(r, codec, sink);
    }

    static void assertSameOutput(Run run) {
        assertEquals(reference.codec().decoded.size(), run.codec().decoded.size(), "every segment is there");
        for (int s = 0; s < reference.codec().decoded.size(); s++) {
            for (int k = 0; k < 9; k++) {
                assertArrayEquals(reference.codec().decoded.get(s)[k], run.codec().decoded.get(s)[k], "segment " + s + " codebook " + k);
            }
        }
        assertArrayEquals(reference.sink().all(), run.sink().all());
        assertTrue(run.sink().closed);
    }

    @Test
    void underKWorstCasesMoreThanKMinusOneSegmentsRunAtOnceWithTheSameOutput() throws IOException {
        long smallest = worstCases.stream().mapToLong(Long::longValue).min().orElseThrow();
        long largest = worstCases.stream().mapToLong(Long::longValue).max().orElseThrow();
        for (int k : new int[] {2, 4}) {
            long budget = k * smallest - 1; // reserving worst cases up front, at most k - 1 segments would run together
            assertTrue(largest <= budget, "every segment fits alone: " + worstCases);
            Run run = speak(lm, SpeechOptions.Mode.EFFICIENT, budget);
            assertTrue(run.result().batchSize() > k - 1, "under " + k + " worst cases, growing reservations ran at most "
                    + run.result().batchSize() + " at once");
            assertTrue(run.result().peakKvBytes() <= budget, run.result().peakKvBytes() + " > " + budget);
            assertTrue(run.result().steps() < reference.result().steps());
            assertSameOutput(run);
        }
    }

    @Test
    void withTheLargestSegmentsWorstCaseAsTheWholePoolSegmentsWaitForBlocksAndAllFinish() throws IOException {
        long largest = worstCases.stream().mapToLong(Long::longValue).max().orElseThrow();
        // The pool itself has only this budget: a block granted beyond it would fail the step, not pass unnoticed.
        ZonosModel tight = ZonosModel.load(TestKits.zonos().resolve("tiny"), WeightMatrix.Storage.F32, largest, Kernels.preferred(),
                KvPool.F32_BLOCK_POSITIONS);
        Run run = speak(tight, SpeechOptions.Mode.EFFICIENT, 4L << 30);
        assertTrue(run.result().kvWaits() > 0, "no segment had to wait for memory: " + run.result());
        assertTrue(run.result().batchSize() > 1, "nothing ran together: " + run.result());
        assertTrue(run.result().peakKvBytes() <= largest);
        assertEquals(0, tight.kvPool().reservedBytes(), "every block went back to the pool");
        assertSameOutput(run);
    }
}
