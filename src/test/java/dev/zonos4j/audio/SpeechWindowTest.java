package dev.zonos4j.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The reference window: the clip's start holding a given amount of detected speech, counted as the VAD counts it. */
class SpeechWindowTest {
    private static final int RATE = 16_000;

    /** Bursts 0.3 s on, 0.3 s off over a faint noise floor, on {@code channels} channels (the second at half level). */
    private static AudioClip halfSpeech(double seconds, int channels) {
        float[] x = TestAudio.plusNoise(TestAudio.bursts(seconds, 0.3, 0.3, 0.01, RATE), 1e-7, 3);
        float[][] c = new float[channels][];
        for (int k = 0; k < channels; k++) {
            c[k] = x.clone();
            for (int i = 0; i < x.length; i++) {
                c[k][i] *= 1f / (k + 1);
            }
        }
        return new AudioClip(c, RATE);
    }

    @Test
    void theWindowHoldsTheLimitOfSpeechMeasuredAsTheDetectorMeasuresIt() {
        AudioClip clip = halfSpeech(20, 2);
        SpeechWindow w = SpeechWindow.firstSpeech(clip, 4);
        assertTrue(w.cut());
        assertEquals(4.0, w.speechSeconds(), VoiceActivity.HOP_SECONDS + 1e-9);
        assertEquals(20.0, w.sourceSeconds(), 1e-9);
        assertEquals(w.speechSeconds(), VoiceActivity.detect(w.clip().mono(), RATE).speechSeconds(), 0.02,
                "the window's own speech, as the detector counts it");
        // About twice the speech, since half the clip is silence; the window ends inside a burst.
        assertTrue(w.clip().seconds() > 7 && w.clip().seconds() < 8.5, "window of " + w.clip().seconds() + " s");
        assertEquals(2, w.clip().channelCount());
        for (int k = 0; k < 2; k++) {
            assertArrayEquals(Arrays.copyOf(clip.channels()[k], w.clip().frames()), w.clip().channels()[k]);
        }
    }

    @Test
    void aClipWithLessSpeechThanTheLimitIsKeptWhole() {
        AudioClip clip = halfSpeech(6, 1);
        double speech = VoiceActivity.detect(clip.mono(), RATE).speechSeconds();
        SpeechWindow w = SpeechWindow.firstSpeech(clip, 10);
        assertFalse(w.cut());
        assertSame(clip, w.clip());
        assertEquals(speech, w.speechSeconds(), 0.02);
        assertEquals(6.0, w.sourceSeconds(), 1e-9);
        // A limit reached only in the clip's last burst leaves nothing to cut.
        SpeechWindow edge = SpeechWindow.firstSpeech(clip, speech);
        assertEquals(clip.frames(), edge.clip().frames());
    }

    @Test
    void theLimitMustBeAPositiveNumberOfSeconds() {
        AudioClip clip = halfSpeech(2, 1);
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpeechWindow.firstSpeech(clip, bad));
            assertEquals("the reference speech window must be a number of seconds > 0, got " + bad, e.getMessage());
        }
        assertFalse(SpeechWindow.firstSpeech(clip, Double.MIN_VALUE).clip().frames() == 0);
    }
}
