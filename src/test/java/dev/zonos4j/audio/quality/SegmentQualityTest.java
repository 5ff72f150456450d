package dev.zonos4j.audio.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.audio.TestAudio;
import dev.zonos4j.audio.join.JoinConfig;
import dev.zonos4j.audio.join.SegmentJoiner;
import java.util.OptionalDouble;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each segment measure on synthetic signals whose answer is known by construction. */
class SegmentQualityTest {
    static final int RATE = 16_000;

    /** 6 s of speech-like bursts (0.3 s on, 0.3 s off): 3 s of speech. */
    static float[] speech(double power) {
        return TestAudio.bursts(6, 0.3, 0.3, power, RATE);
    }

    @Test
    void clippedSineIsFlaggedClipped() {
        // Bursts of a sine of amplitude 2 clipped at 1, on half the time: |sin| >= 1/2 for 2/3 of each burst.
        float[] loud = TestAudio.sine(220, 2.0, 6, RATE);
        float[] x = new float[loud.length];
        for (int i = 0; i < x.length; i++) {
            boolean on = (i / (RATE * 3 / 10)) % 2 == 1;
            x[i] = on ? Math.max(-1f, Math.min(1f, loud[i])) : 0f;
        }
        SegmentMeasures m = SegmentMeasures.of(x, RATE, 45);
        assertEquals(1.0 / 3, m.clippingRatio(), 0.01);
        assertTrue(SegmentThresholds.DEFAULTS.judge(m, Double.NaN).stream().anyMatch(r -> r.startsWith("clipped")));
        assertEquals(0, SegmentMeasures.of(speech(0.01), RATE, 45).clippingRatio());
    }

    @Test
    void silenceGapIsMeasuredAndFlagged() {
        float[] a = speech(0.01);
        float[] x = new float[a.length * 2 + 2 * RATE];
        // Each half starts with 0.3 s of silence and ends on a burst: the gap is 2 + 0.3 s.
        System.arraycopy(a, 0, x, 0, a.length);
        System.arraycopy(a, 0, x, a.length + 2 * RATE, a.length);
        SegmentMeasures m = SegmentMeasures.of(TestAudio.plusNoise(x, 1e-8, 1), RATE, 90);
        assertEquals(2.3, m.longestSilenceSeconds(), 0.05, "the gap between the halves");
        List<String> reasons = SegmentThresholds.DEFAULTS.judge(m, Double.NaN);
        assertTrue(reasons.stream().anyMatch(r -> r.startsWith("long silence")), reasons::toString);
        SegmentMeasures plain = SegmentMeasures.of(TestAudio.plusNoise(a, 1e-8, 1), RATE, 45);
        assertTrue(plain.longestSilenceSeconds() < 0.4, "no gap: " + plain.longestSilenceSeconds());
        assertEquals(List.of(), SegmentThresholds.DEFAULTS.judge(plain, Double.NaN));
    }

    @Test
    void speakingRateIsPhonemesPerSecondOfSpeech() {
        SegmentMeasures m = SegmentMeasures.of(TestAudio.plusNoise(speech(0.01), 1e-8, 2), RATE, 45);
        double speech = TestAudio.burstSeconds(6, 0.3, 0.3);
        assertEquals(speech, m.speechSeconds(), 0.1);
        assertEquals(45 / speech, m.phonemesPerSecond(), 1.0);
        assertTrue(SegmentThresholds.DEFAULTS.judge(SegmentMeasures.of(speech(0.01), RATE, 3), Double.NaN)
                .stream().anyMatch(r -> r.startsWith("runaway")), "3 phonemes in 3 s of speech rambles");
        assertTrue(SegmentThresholds.DEFAULTS.judge(SegmentMeasures.of(speech(0.01), RATE, 200), Double.NaN)
                .stream().anyMatch(r -> r.startsWith("truncated")), "200 phonemes in 3 s is cut short");
        assertEquals(List.of("no speech found"),
                SegmentThresholds.DEFAULTS.judge(SegmentMeasures.of(new float[RATE], RATE, 10), Double.NaN));
    }

    /** Segments through the joiner with the run's checks listening, as the engine wires them. */
    static RunQuality.Summary joined(JoinConfig cfg, List<float[]> segments) {
        RunQuality q = new RunQuality(SegmentThresholds.DEFAULTS, JoinBounds.DEFAULTS, RATE);
        SegmentJoiner joiner = new SegmentJoiner(cfg, q.tap((samples, offset, length) -> { }));
        for (int i = 0; i < segments.size(); i++) {
            q.add(i, new RunQuality.Segment(SegmentMeasures.of(segments.get(i), RATE, 45), Double.NaN, Double.NaN, 7, 1));
            q.placed(joiner.add(segments.get(i), false), false);
        }
        joiner.finish();
        q.finish();
        return q.summary();
    }

    @Test
    void loudnessStepIsMeasuredAsHeardAfterTheJoin() {
        // Ten times the power is +10 dB: segment 1 stands 10 LU above both neighbours before the join.
        List<float[]> segments = List.of(speech(0.01), speech(0.1), speech(0.01));
        JoinConfig unmatched = JoinConfig.defaults(RATE).withLoudness(false, OptionalDouble.empty(), 0, 0);
        RunQuality.Summary raw = joined(unmatched, segments);
        List<SegmentVerdict> v = raw.segments();
        assertEquals(List.of(0, 1, 2), v.stream().map(SegmentVerdict::index).toList());
        assertEquals(10.0, v.get(1).measures().loudnessLufs() - v.get(0).measures().loudnessLufs(), 0.1);
        for (SegmentVerdict each : v) {
            assertEquals(10.0, each.loudnessStepLu(), 0.1, "segment " + each.index());
            assertTrue(each.reasons().stream().anyMatch(r -> r.startsWith("loudness step")), each.reasons()::toString);
        }
        assertEquals("flagged", raw.toJson().get("segments").get(1).get("verdict").asText());

        // The joiner gains segment 1 down to its neighbours' level: the listener hears no step.
        RunQuality.Summary matched = joined(JoinConfig.defaults(RATE), segments);
        for (SegmentVerdict each : matched.segments()) {
            assertEquals(0.0, each.loudnessStepLu(), 0.5, "segment " + each.index());
        }
        assertTrue(matched.segments().stream().noneMatch(SegmentVerdict::flagged), matched.toJson()::toString);
        assertEquals(0, matched.toJson().get("segments_flagged").asInt());
    }

    @Test
    void segmentsArePlacedWhereTheJoinerPutThem() {
        JoinConfig cfg = JoinConfig.defaults(RATE);
        RunQuality.Summary s = joined(cfg, List.of(speech(0.01), speech(0.01)));
        SegmentVerdict first = s.segments().get(0);
        SegmentVerdict second = s.segments().get(1);
        assertEquals(0.0, first.startSeconds());
        assertTrue(first.paragraphStart() && !second.paragraphStart());
        // The bursts start with 0.3 s of silence, trimmed down to the margin, and end on a burst; the pause lies between.
        assertEquals(cfg.pauseSeconds(), second.startSeconds() - first.endSeconds(), 1e-3);
        assertEquals(6 - (0.3 - cfg.marginMs() / 1000), first.endSeconds() - first.startSeconds(), 0.02);
    }
}
