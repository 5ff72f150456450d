package dev.zonos4j.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.audio.QualityReport.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Voice activity, SNR, clipping and the verdict, on synthetic speech-like bursts with known truth. */
class ClipQualityTest {

    private static final int RATE = 16000;
    private static final double BURST_POWER = 0.01;

    @Test
    void speechDurationOfBurstsIsFound() {
        for (double[] pattern : new double[][] {{0.3, 0.3}, {0.8, 0.25}, {0.15, 0.5}}) {
            float[] x = TestAudio.bursts(12, pattern[0], pattern[1], BURST_POWER, RATE);
            double truth = TestAudio.burstSeconds(12, pattern[0], pattern[1]);
            double found = VoiceActivity.detect(x, RATE).speechSeconds();
            assertEquals(truth, found, 0.1 * truth, "bursts of " + pattern[0] + " s every " + (pattern[0] + pattern[1]) + " s");
        }
    }

    @Test
    void shortPausesInsideSpeechCountAsSpeech() {
        float[] x = TestAudio.bursts(6, 0.25, 0.06, BURST_POWER, RATE);
        assertEquals(6.0, VoiceActivity.detect(x, RATE).speechSeconds(), 0.3);
    }

    @Test
    void snrIsEstimatedWithinTwoDb() {
        float[] clean = TestAudio.bursts(10, 0.3, 0.3, BURST_POWER, RATE);
        for (double snr : new double[] {5, 10, 20, 30, 40}) {
            float[] x = TestAudio.plusNoise(clean, BURST_POWER / Math.pow(10, snr / 10), 7);
            assertEquals(snr, VoiceActivity.detect(x, RATE).snrDb(), 2.0, "SNR " + snr + " dB");
        }
        assertEquals(Double.POSITIVE_INFINITY, VoiceActivity.detect(clean, RATE).snrDb());
    }

    @Test
    void stationaryNoiseOrAToneIsNotSpeech() {
        float[] noise = TestAudio.plusNoise(new float[5 * RATE], 1e-3, 3);
        assertEquals(0.0, VoiceActivity.detect(noise, RATE).speechSeconds());
        assertTrue(Double.isNaN(VoiceActivity.detect(noise, RATE).snrDb()));
        assertEquals(0.0, VoiceActivity.detect(TestAudio.sine(220, 0.3, 5, RATE), RATE).speechSeconds());
    }

    @Test
    void cleanLongSpeechIsGood() {
        QualityReport r = judge(TestAudio.bursts(14, 0.3, 0.3, BURST_POWER, RATE));
        assertEquals(Verdict.GOOD, r.verdict(), r.reasons().toString());
        assertEquals(14.0, r.measures().seconds(), 1e-9);
        assertEquals(ClipMeasures.MAX_SNR_DB, r.measures().snrDb());
        assertEquals(0.0, r.measures().clippingRatio());
        assertTrue(r.measures().loudnessLufs() > -30 && r.measures().loudnessLufs() < -15, "loudness " + r.measures().loudnessLufs());
        assertEquals(RATE, r.measures().sampleRate());
        assertEquals(1, r.measures().channels());
    }

    @Test
    void poorClipsSayWhy() {
        float[] speech = TestAudio.bursts(14, 0.3, 0.3, BURST_POWER, RATE);

        QualityReport noisy = judge(TestAudio.plusNoise(speech, BURST_POWER / 10, 1));
        assertEquals(Verdict.POOR, noisy.verdict());
        assertEquals(1, noisy.reasons().size(), noisy.reasons().toString());
        assertTrue(noisy.reasons().getFirst().startsWith("noisy: estimated SNR "), noisy.reasons().toString());
        assertEquals(10, noisy.measures().snrDb(), 2);

        QualityReport shortClip = judge(TestAudio.bursts(2, 0.3, 0.3, BURST_POWER, RATE));
        assertEquals(List.of("too short: 0.9 s of speech (want at least 5.0 s)"), shortClip.reasons());

        float[] loud = TestAudio.bursts(14, 0.3, 0.3, 1.5, RATE);
        for (int i = 0; i < loud.length; i++) {
            loud[i] = Math.max(-1f, Math.min(1f, loud[i]));
        }
        QualityReport clipped = judge(loud);
        assertEquals(Verdict.POOR, clipped.verdict());
        assertTrue(clipped.reasons().getFirst().startsWith("clipped: "), clipped.reasons().toString());
        assertTrue(clipped.measures().clippingRatio() > 0.01);

        QualityReport quiet = judge(TestAudio.bursts(14, 0.3, 0.3, 1e-6, RATE));
        assertEquals(1, quiet.reasons().size(), quiet.reasons().toString());
        assertTrue(quiet.reasons().getFirst().startsWith("quiet: -6"), quiet.reasons().toString());
    }

    @Test
    void emptySilentAndSpeechlessClipsAreUnusable() {
        assertUnusable(new float[0], "empty: the clip has no samples");
        assertUnusable(new float[3 * RATE], "silent: every sample is zero");
        assertUnusable(TestAudio.plusNoise(new float[3 * RATE], 1e-9, 5), "silent: nothing louder than -70 LUFS");
        assertUnusable(TestAudio.plusNoise(new float[3 * RATE], 1e-3, 5), "no speech found");
    }

    @Test
    void thresholdsAreConfigurable() {
        float[] shortSpeech = TestAudio.bursts(2, 0.3, 0.3, BURST_POWER, RATE);
        QualityThresholds lenient = new QualityThresholds(0.5, 0.01, 10, -60);
        assertEquals(Verdict.GOOD, lenient.judge(ClipMeasures.of(clip(shortSpeech))).verdict());
        assertThrows(IllegalArgumentException.class, () -> new QualityThresholds(-1, 0.01, 10, -60));
        assertThrows(IllegalArgumentException.class, () -> new QualityThresholds(1, 2, 10, -60));
        assertThrows(IllegalArgumentException.class, () -> new QualityThresholds(1, 0.1, Double.NaN, -60));
    }

    @Test
    void stereoIsMeasuredOnAllChannels() {
        float[] left = TestAudio.bursts(14, 0.3, 0.3, BURST_POWER, RATE);
        ClipMeasures mono = ClipMeasures.of(clip(left));
        ClipMeasures stereo = ClipMeasures.of(new AudioClip(new float[][] {left, left}, RATE));
        assertEquals(2, stereo.channels());
        assertEquals(mono.speechSeconds(), stereo.speechSeconds(), 1e-9);
        assertEquals(mono.loudnessLufs() + 10 * Math.log10(2), stereo.loudnessLufs(), 1e-6);
    }

    @Test
    void measuresSurviveJsonIncludingInfiniteValues() {
        for (float[] x : new float[][] {new float[RATE], TestAudio.bursts(3, 0.3, 0.3, BURST_POWER, RATE)}) {
            ClipMeasures m = ClipMeasures.of(clip(x));
            assertEquals(m, ClipMeasures.fromJson(m.toJson().toString()));
        }
        QualityReport r = judge(new float[RATE]);
        assertEquals("unusable", r.toJson().get("verdict").asText());
        assertTrue(r.toJson().get("loudness_lufs").isNull());
        assertFalse(r.usable());
    }

    private static void assertUnusable(float[] x, String reason) {
        QualityReport r = judge(x);
        assertEquals(Verdict.UNUSABLE, r.verdict());
        assertEquals(List.of(reason), r.reasons());
    }

    private static QualityReport judge(float[] x) {
        return QualityThresholds.DEFAULTS.judge(ClipMeasures.of(clip(x)));
    }

    private static AudioClip clip(float[] x) {
        return new AudioClip(new float[][] {x}, RATE);
    }
}
