package dev.zonos4j.audio;

import dev.zonos4j.util.InvalidInputException;
import java.util.Locale;
import java.util.Objects;

/**
 * Decoded audio: one float array per channel, samples in [-1, 1] full scale (integer formats are divided by
 * 2^(bits-1), so the same integer samples decode to the same floats whatever the container or bit depth).
 *
 * @param channels   [channel][frame]; at least one channel, all of the same length (which may be zero)
 * @param sampleRate frames per second
 */
public record AudioClip(float[][] channels, int sampleRate) {

    public AudioClip {
        Objects.requireNonNull(channels, "channels");
        if (channels.length == 0) {
            throw new IllegalArgumentException("an audio clip needs at least one channel");
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
        for (float[] c : channels) {
            Objects.requireNonNull(c, "channel");
            if (c.length != channels[0].length) {
                throw new IllegalArgumentException("channels differ in length: " + c.length + " vs " + channels[0].length);
            }
        }
    }

    /**
     * This clip, or an error naming {@code source} when a sample is NaN or infinite (a float WAV can hold them;
     * every measure and the speaker network would turn them into nonsense, "silent" at best).
     */
    public AudioClip requireFinite(String source) {
        long bad = 0;
        long first = -1;
        for (float[] c : channels) {
            for (int i = 0; i < c.length; i++) {
                if (!Float.isFinite(c[i])) {
                    bad++;
                    first = first < 0 ? i : Math.min(first, i);
                }
            }
        }
        if (bad > 0) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "%s: holds %d NaN or infinite sample%s (the first at %.3f s); a reference clip must be finite audio",
                    source, bad, bad == 1 ? "" : "s", (double) first / sampleRate));
        }
        return this;
    }

    public int channelCount() {
        return channels.length;
    }

    /** Samples per channel. */
    public int frames() {
        return channels[0].length;
    }

    public double seconds() {
        return (double) frames() / sampleRate;
    }

    /** The mean over channels (the clip itself when mono), as the speaker encoder mixes it. */
    public float[] mono() {
        if (channels.length == 1) {
            return channels[0];
        }
        int n = frames();
        float[] out = new float[n];
        for (float[] c : channels) {
            for (int i = 0; i < n; i++) {
                out[i] += c[i];
            }
        }
        float scale = 1f / channels.length;
        for (int i = 0; i < n; i++) {
            out[i] *= scale;
        }
        return out;
    }
}
