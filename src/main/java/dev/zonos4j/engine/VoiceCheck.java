package dev.zonos4j.engine;

import dev.zonos4j.audio.AudioClip;
import dev.zonos4j.audio.SpeechWindow;
import dev.zonos4j.engine.voice.SpeakerEmbedder;

/**
 * Voice consistency by the speaker encoder Zonos conditions on (a speaker-verification network): each segment's
 * first seconds of speech are embedded and compared by cosine with the reference voice and with the previous segment.
 *
 * @param embedder  the speaker model, or null: nothing is measured
 * @param reference the reference voice's embedding by that same model, or null: only segments are compared
 * @param seconds   speech embedded per segment (the cost is one speaker-encoder pass over this much audio)
 * @param notice    why voices were asked for but are not (all) compared, for the run's warnings; null when none
 */
public record VoiceCheck(SpeakerEmbedder embedder, float[] reference, double seconds, String notice) {

    /** Measures nothing. */
    public static final VoiceCheck NONE = new VoiceCheck(null, null, 0, null);

    public VoiceCheck(SpeakerEmbedder embedder, float[] reference, double seconds) {
        this(embedder, reference, seconds, null);
    }

    /** Voices were asked for and cannot be compared: nothing is measured and the run says why. */
    public static VoiceCheck unavailable(String why) {
        return new VoiceCheck(null, null, 0, why);
    }

    public VoiceCheck {
        reference = reference == null ? null : reference.clone();
        if (embedder != null && !(seconds > 0)) {
            throw new IllegalArgumentException("voice check window must be > 0 seconds, got " + seconds);
        }
    }

    public boolean active() {
        return embedder != null;
    }

    /** The embedding of a segment's first {@link #seconds} of speech; null when inactive. */
    float[] embed(float[] audio, int sampleRate) {
        if (!active() || audio.length == 0) {
            return null;
        }
        AudioClip window = SpeechWindow.firstSpeech(new AudioClip(new float[][] {audio}, sampleRate), seconds).clip();
        return embedder.embed(window.channels(), window.sampleRate());
    }

    /** Cosine with the reference voice; NaN when either is missing. */
    double toReference(float[] embedding) {
        return cosine(embedding, reference);
    }

    /** Cosine of two embeddings; NaN when either is missing or all zero. */
    public static double cosine(float[] a, float[] b) {
        if (a == null || b == null || a.length != b.length) {
            return Double.NaN;
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : Double.NaN;
    }
}
