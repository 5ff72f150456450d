package dev.zonos4j.audio.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.audio.TestAudio;
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

    @Test
    void loudnessStepBetweenNeighboursIsFound() {
        RunQuality run = new RunQuality(SegmentThresholds.DEFAULTS);
        run.add(0, speech(0.01), RATE, 45);
        run.add(2, speech(0.01), RATE, 45);
        // Ten times the power is +10 dB: segment 1 stands 10 LU above both neighbours.
        run.add(1, speech(0.1), RATE, 45);
        List<RunQuality.Verdict> v = run.verdicts();
        assertEquals(List.of(0, 1, 2), v.stream().map(RunQuality.Verdict::index).toList());
        assertEquals(10.0, v.get(1).measures().loudnessLufs() - v.get(0).measures().loudnessLufs(), 0.1);
        for (RunQuality.Verdict each : v) {
            assertEquals(10.0, each.loudnessStepLu(), 0.1, "segment " + each.index());
            assertTrue(each.reasons().stream().anyMatch(r -> r.startsWith("loudness step")), each.reasons()::toString);
        }
        RunQuality even = new RunQuality(SegmentThresholds.DEFAULTS);
        even.add(0, speech(0.01), RATE, 45);
        even.add(1, speech(0.01), RATE, 45);
        assertTrue(even.verdicts().stream().noneMatch(RunQuality.Verdict::flagged), even.toJson()::toString);
        assertEquals(0, even.toJson().get("segments_flagged").asInt());
        assertEquals("flagged", run.toJson().get("segments").get(1).get("verdict").asText());
    }
}
