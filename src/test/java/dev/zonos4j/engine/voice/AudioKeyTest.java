package dev.zonos4j.engine.voice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.zonos4j.audio.AudioClip;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A clip's key covers its rate, its shape and every sample, however long the clip. */
class AudioKeyTest {
    private static float[] ramp(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i % 1000) / 1000f;
        }
        return v;
    }

    @Test
    void everySampleOfALongClipCounts() {
        int n = 40_000; // more than two of the key's read chunks
        float[] base = ramp(n);
        String key = AudioKey.of(new AudioClip(new float[][] {base}, 24_000));
        assertEquals(key, AudioKey.of(new AudioClip(new float[][] {base.clone()}, 24_000)));
        Set<String> keys = new HashSet<>();
        for (int at : new int[] {0, 16_383, 16_384, 32_768, n - 1}) {
            float[] changed = base.clone();
            changed[at] += 0.5f;
            keys.add(AudioKey.of(new AudioClip(new float[][] {changed}, 24_000)));
        }
        assertEquals(5, keys.size());
        assertNotEquals(key, AudioKey.of(new AudioClip(new float[][] {base}, 16_000)), "the rate is part of the key");
        float[] shorter = java.util.Arrays.copyOf(base, n - 1);
        assertNotEquals(key, AudioKey.of(new AudioClip(new float[][] {shorter}, 24_000)));
        assertNotEquals(key, AudioKey.of(new AudioClip(new float[][] {base, base}, 24_000)), "channels are part of the key");
        assertEquals(64, key.length());
    }

    @Test
    void bytesAreKeyedBySha256() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                AudioKey.ofBytes("abc".getBytes(StandardCharsets.US_ASCII)));
    }
}
