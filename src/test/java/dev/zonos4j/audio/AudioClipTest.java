package dev.zonos4j.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zonos4j.util.InvalidInputException;
import org.junit.jupiter.api.Test;

class AudioClipTest {
    @Test
    void monoIsTheMeanOfTheChannels() {
        float[] left = {1f, 0.5f, -1f, 0f};
        float[] right = {0f, 0.5f, 1f, -0.5f};
        float[] third = {0.5f, 0.5f, 0.5f, 0.5f};
        assertArrayEquals(new float[] {0.5f, 0.5f, 0f, -0.25f}, new AudioClip(new float[][] {left, right}, 8000).mono(), 1e-7f);
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f / 3, 0f}, new AudioClip(new float[][] {left, right, third}, 8000).mono(), 1e-6f);
        AudioClip mono = new AudioClip(new float[][] {left}, 8000);
        assertSame(left, mono.mono());
        assertEquals(0.0005, mono.seconds(), 1e-12);
    }

    @Test
    void aClipNeedsChannelsOfOneLengthAndAPositiveRate() {
        assertEquals(1, new AudioClip(new float[][] {{0f}}, 1).sampleRate());
        assertThrows(IllegalArgumentException.class, () -> new AudioClip(new float[][] {{0f}}, 0));
        assertThrows(IllegalArgumentException.class, () -> new AudioClip(new float[0][], 8000));
        assertThrows(IllegalArgumentException.class, () -> new AudioClip(new float[][] {{0f}, {0f, 1f}}, 8000));
    }

    @Test
    void nonFiniteSamplesAreCountedAndTheEarliestIsNamed() {
        float[] a = {0f, 0f, 0f, Float.NaN};
        float[] b = {0f, Float.NEGATIVE_INFINITY, 0f, 0f};
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new AudioClip(new float[][] {a, b}, 4).requireFinite("clip.wav"));
        assertEquals("clip.wav: holds 2 NaN or infinite samples (the first at 0.250 s); a reference clip must be finite audio",
                e.getMessage());
        InvalidInputException one = assertThrows(InvalidInputException.class,
                () -> new AudioClip(new float[][] {a}, 4).requireFinite("x"));
        assertEquals("x: holds 1 NaN or infinite sample (the first at 0.750 s); a reference clip must be finite audio", one.getMessage());
        AudioClip fine = new AudioClip(new float[][] {{0f, 1f}}, 4);
        assertSame(fine, fine.requireFinite("fine"));
    }
}
