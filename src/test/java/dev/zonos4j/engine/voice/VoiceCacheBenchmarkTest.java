package dev.zonos4j.engine.voice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.audio.QualityReport;
import dev.zonos4j.audio.QualityThresholds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VoiceCacheBenchmarkTest {

    @TempDir
    Path tmp;

    @Test
    void timesHitsWithoutAModelAndNeverEmbeds() throws IOException {
        VoiceCacheBenchmark.Result r = VoiceCacheBenchmark.run(null, tmp, 2, 16000, 3);
        assertNull(r.fresh());
        assertEquals(3, r.storeHit().runs());
        assertTrue(Double.isNaN(r.storeHitToFresh()));
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(0, left.count(), "the benchmark removes its store");
        }
    }

    @Test
    void withAModelTheFreshEmbeddingIsTimedAndHitsDoNotEmbed() {
        CountingEmbedder model = new CountingEmbedder();
        VoiceCacheBenchmark.Result r = VoiceCacheBenchmark.run(model, tmp, 2, 16000, 4);
        // One warm-up and three timed fresh calls, then one miss that fills the cache; every hit after is free.
        assertEquals(5, model.calls.get());
        assertEquals(3, r.fresh().runs());
        assertTrue(r.storeHitToFresh() > 0);
    }

    @Test
    void theBenchmarkClipIsAUsableVoiceSample() {
        QualityReport q = QualityReport.of(VoiceCacheBenchmark.referenceClip(10, 44100), QualityThresholds.DEFAULTS);
        assertEquals(QualityReport.Verdict.GOOD, q.verdict(), q.reasons().toString());
    }
}
