package dev.zonos4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.TestKits;
import dev.zonos4j.audio.join.JoinConfig;
import dev.zonos4j.engine.SpeechEngineTest.CollectingSink;
import dev.zonos4j.engine.SpeechEngineTest.RecordingCodec;
import dev.zonos4j.model.zonos.SamplingParams;
import dev.zonos4j.model.zonos.ZonosModel;
import dev.zonos4j.tensor.Kernels;
import dev.zonos4j.tensor.KvPool;
import dev.zonos4j.tensor.WeightMatrix;
import dev.zonos4j.text.Language;
import dev.zonos4j.text.Segment;
import dev.zonos4j.text.TextFrontEnd;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a request reports about itself: counts, mode, batch, KV, warnings, and the limits that shape them. */
class SpeechResultTest {
    static final int BUDGET = 60;

    static ZonosModel lm;

    @BeforeAll
    static void load() {
        // small KV blocks, so that the memory budget test's segments grow by several
        lm = ZonosModel.load(TestKits.zonos().resolve("tiny"), WeightMatrix.Storage.F32, 64L << 20, Kernels.preferred(),
                KvPool.F32_BLOCK_POSITIONS);
    }

    static SpeechEngine engine(CodecPort codec) {
        return new SpeechEngine(lm, codec, TextFrontEnd.shared(), JoinConfig.defaults(44_100), BUDGET);
    }

    static SpeechOptions.Builder options() {
        return SpeechOptions.builder().seed(1).sampling(SamplingParams.greedy()).maxFramesPerSegment(12).retries(0);
    }

    @Test
    void theResultCountsWhatWasMade() throws IOException {
        RecordingCodec codec = new RecordingCodec();
        CollectingSink sink = new CollectingSink();
        int[] planned = new int[2];
        List<Integer> generated = new ArrayList<>();
        SpeechListener listener = new SpeechListener() {
            public void planned(int segments, int characters) {
                planned[0] = segments;
                planned[1] = characters;
            }

            public void segmentGenerated(int index, int frames) {
                generated.add(frames);
            }
        };
        String text = SpeechEngineTest.TEXT;
        long before = System.nanoTime();
        SpeechResult r = engine(codec).speak(text, null, options().mode(SpeechOptions.Mode.AUTO).maxBatch(3).build(), sink, listener);
        double around = (System.nanoTime() - before) / 1e9;
        assertTrue(r.wallSeconds() > 0 && r.wallSeconds() <= around, "wall " + r.wallSeconds() + " s within a call of " + around + " s");
        int segments = TextFrontEnd.shared().segment(text, Language.of("en-us"), BUDGET).size();
        assertEquals(segments, r.segments());
        assertEquals(segments, planned[0]);
        assertEquals(text.length(), planned[1]);
        assertEquals(text.length(), r.characters());
        long frames = codec.decoded.stream().mapToLong(c -> c[0].length).sum();
        assertEquals(frames, r.frames());
        assertEquals(frames, generated.stream().mapToLong(Integer::longValue).sum());
        assertEquals(sink.all().length / 44_100.0, r.audioSeconds(), 1e-12);
        assertEquals("efficient", r.mode(), "auto batches a text of several segments");
        assertEquals(3, r.batchSize());
        assertEquals(3, r.sharedBatch());
        assertTrue(r.firstAudioSeconds() > 0 && r.firstAudioSeconds() <= r.wallSeconds(), r.toString());
        assertTrue(r.steps() >= frames / 3 && r.steps() < frames, "steps " + r.steps() + " for " + frames + " frames in batches of 3");
        assertTrue(r.peakKvBytes() > 0);
    }

    @Test
    void aTextOfExactlyTheLimitIsAccepted() throws IOException {
        String text = "Hello." + " ".repeat(SpeechEngine.MAX_CHARACTERS - 6);
        SpeechResult r = engine(new RecordingCodec()).speak(text, null, options().build(), new CollectingSink(), SpeechListener.NONE);
        assertEquals(SpeechEngine.MAX_CHARACTERS, r.characters());
        assertEquals(1, r.segments());
    }

    @Test
    void autoRunsOneSegmentAlone() throws IOException {
        SpeechResult r = engine(new RecordingCodec()).speak("Just one short sentence.", null,
                options().mode(SpeechOptions.Mode.AUTO).build(), new CollectingSink(), SpeechListener.NONE);
        assertEquals(1, r.segments());
        assertEquals("standard", r.mode());
        assertEquals(1, r.batchSize());
    }

    @Test
    void theMemoryBudgetLimitsHowManySegmentsRunAtOnce() throws IOException {
        List<Segment> segments = TextFrontEnd.shared().segment(SpeechEngineTest.TEXT, Language.of("en-us"), BUDGET);
        int longest = segments.stream().mapToInt(s -> TextFrontEnd.shared().prepare(s.text(), Language.of("en-us"))
                .tokenIds().length).max().orElseThrow();
        long perSegment = lm.kvBytesFor(longest + lm.config().prefixConditioner().conditioners().size() - 1, 0, 12, 2f);
        SpeechResult r = engine(new RecordingCodec()).speak(SpeechEngineTest.TEXT, null,
                options().mode(SpeechOptions.Mode.EFFICIENT).maxBatch(8).memoryBudgetBytes(2 * perSegment).build(),
                new CollectingSink(), SpeechListener.NONE);
        // Segments reserve KV as they grow, so more than two worst cases' worth run at once, but each holds at least
        // its prompt's first block (a quarter of the budget here, or more): never more than four.
        long firstBlocks = lm.kvBytesAtStart(1, 0, 2f);
        assertEquals(4, 2 * perSegment / firstBlocks, "the budget is four first blocks");
        assertTrue(r.batchSize() >= 2 && r.batchSize() <= 4, "batch " + r.batchSize());
        assertTrue(r.peakKvBytes() <= 2 * perSegment);
    }

    @Test
    void aSilentSegmentIsReported() throws IOException {
        CodecPort silent = new RecordingCodec() {
            @Override
            public synchronized float[] decode(int[][] codes) {
                return new float[codes[0].length * 512];
            }
        };
        String text = "Quiet now. Very quiet.";
        SpeechResult r = engine(silent).speak(text, null, options().mode(SpeechOptions.Mode.STANDARD).build(),
                new CollectingSink(), SpeechListener.NONE);
        List<String> silentWarnings = r.warnings().stream().filter(w -> w.endsWith("came out silent")).toList();
        assertEquals(r.segments(), silentWarnings.size(), r.warnings().toString());
        assertEquals("segment 1 (characters 0-22) came out silent", silentWarnings.getFirst());
        assertTrue(Double.isNaN(r.firstAudioSeconds()), "no audio was written");
        assertEquals(0.0, r.audioSeconds());
    }
}
