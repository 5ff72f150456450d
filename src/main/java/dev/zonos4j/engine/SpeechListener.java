package dev.zonos4j.engine;

/** Progress of one request, called on the generating thread (segment audio on the audio thread). */
public interface SpeechListener {

    /** The text was split; generation starts. */
    default void planned(int segments, int characters) {
    }

    /** Segment {@code index} finished generating ({@code frames} codec frames). */
    default void segmentGenerated(int index, int frames) {
    }

    /**
     * Segment {@code index} was decoded: its audio before the join (for quality checks). Called on the audio
     * thread, in segment order; the listener must not keep {@code samples} beyond the call unless it copies them.
     */
    default void segmentAudio(int index, float[] samples, int sampleRate, int phonemes) {
    }

    SpeechListener NONE = new SpeechListener() {
    };
}
