package dev.zonos4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A segment's frame cap when no --max-frames is given: twice the frames its phonemes should take at the speaking
 * rate (at least 5 phonemes/s) plus one second, never under two seconds; and every sequence's KV memory is given
 * back when the request ends, retried attempts included, and when it is cancelled with segments still running.
 */
class SegmentFrameCapTest {
    static final double FRAME_RATE = 44_100 / 512.0;
    static final int BUDGET = 60;

    @TempDir
    static Path tmp;

    static ZonosModel tiny;
    static ZonosModel quitter;
    static ZonosModel endless;

    @BeforeAll
    static void load() throws IOException {
        tiny = ZonosModel.load(TestKits.zonos().resolve("tiny"), WeightMatrix.Storage.F32, 64L << 20, Kernels.preferred());
        quitter = ZonosModel.load(QuittingModel.write(tmp.resolve("quitter")), WeightMatrix.Storage.F32, 64L << 20,
                Kernels.preferred());
        endless = ZonosModel.load(QuittingModel.writeEndless(tmp.resolve("endless")), WeightMatrix.Storage.F32, 64L << 20,
                Kernels.preferred());
    }

    record Outcome(SpeechResult result, List<int[][]> codes) {
    }

    static Outcome speak(ZonosModel lm, String text, SpeechOptions options) throws IOException {
        RecordingCodec codec = new RecordingCodec();
        SpeechEngine engine = new SpeechEngine(lm, codec, TextFrontEnd.shared(), JoinConfig.defaults(44_100), BUDGET);
        SpeechResult r = engine.speak(text, null, options, new CollectingSink(), SpeechListener.NONE);
        return new Outcome(r, codec.decoded);
    }

    static SpeechOptions greedy(float rate) {
        return SpeechOptions.builder().mode(SpeechOptions.Mode.STANDARD).sampling(SamplingParams.greedy()).retries(0)
                .speakingRate(rate).build();
    }

    static Segment only(String text) {
        List<Segment> s = TextFrontEnd.shared().segment(text, Language.EN_US, BUDGET);
        assertEquals(1, s.size(), s.toString());
        return s.getFirst();
    }

    static void assertCappedAt(int cap, String text, Outcome o) {
        Segment s = only(text);
        assertEquals(cap, o.codes().getFirst()[0].length, "frames of the segment");
        assertEquals(List.of("segment 1 (characters " + s.start() + "-" + s.end() + ") never ended (cut at its cap of " + cap
                + " frames)"), o.result().warnings());
    }

    @Test
    void aSegmentThatNeverEndsIsCutAtTwiceItsExpectedFramesPlusOneSecond() throws IOException {
        String text = "The quick brown fox jumps over the lazy dog.";
        int phonemes = only(text).phonemeCount();
        int expected = (int) Math.ceil(FRAME_RATE * phonemes / 15);
        int cap = (int) (2.0 * expected + FRAME_RATE);
        assertTrue(cap > 2 * FRAME_RATE, "the text should be long enough to pass the two-second floor: " + cap);
        assertCappedAt(cap, text, speak(endless, text, greedy(15)));
    }

    @Test
    void aShortFastSegmentGetsAtLeastTwoSecondsAndASlowRateCountsAsFive() throws IOException {
        String text = "Hi there.";
        int phonemes = only(text).phonemeCount();
        assertTrue(2.0 * Math.ceil(FRAME_RATE * phonemes / 30) + FRAME_RATE < 2 * FRAME_RATE, "phonemes: " + phonemes);
        assertCappedAt((int) (2 * FRAME_RATE), text, speak(endless, text, greedy(30)));
        int atFive = (int) (2.0 * Math.ceil(FRAME_RATE * phonemes / 5) + FRAME_RATE);
        assertCappedAt(atFive, text, speak(endless, text, greedy(2)));
    }

    @Test
    void theKvMemoryOfEverySequenceIsGivenBackRetriesIncluded() throws IOException {
        String text = SpeechEngineTest.TEXT;
        Outcome retried = speak(quitter, text, SpeechOptions.builder().mode(SpeechOptions.Mode.EFFICIENT).maxBatch(3)
                .seed(3).retries(2).build());
        assertTrue(retried.result().warnings().size() >= 3 * retried.result().segments(), retried.result().warnings().toString());
        assertEquals(0, quitter.kvPool().reservedBytes(), "KV left reserved after the request");
        Outcome capped = speak(endless, text, greedy(15).toBuilder().maxFramesPerSegment(12).retries(1).build());
        assertTrue(capped.result().peakKvBytes() > 0);
        assertEquals(0, tiny.kvPool().reservedBytes(), "KV left reserved after the request");
    }

    @Test
    void aCancelledRequestGivesBackTheKvOfTheSegmentsStillRunning() {
        SpeechEngine engine = new SpeechEngine(endless, new RecordingCodec(), TextFrontEnd.shared(), JoinConfig.defaults(44_100),
                BUDGET);
        Cancellation cancellation = new Cancellation();
        SpeechListener cancelAfterFirst = new SpeechListener() {
            @Override
            public void segmentGenerated(int index, int frames) {
                cancellation.cancel();
            }
        };
        SpeechOptions o = greedy(15).toBuilder().mode(SpeechOptions.Mode.EFFICIENT).maxBatch(3).maxFramesPerSegment(40).build();
        CollectingSink sink = new CollectingSink();
        assertThrows(java.util.concurrent.CancellationException.class,
                () -> engine.speak(SpeechEngineTest.TEXT, null, o, sink, cancelAfterFirst, cancellation));
        assertTrue(sink.aborted);
        assertEquals(0, endless.kvPool().reservedBytes(), "KV of the cancelled segments left reserved");
    }
}
