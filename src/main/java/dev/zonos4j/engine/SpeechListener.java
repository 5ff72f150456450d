package dev.zonos4j.engine;

/** Progress of one request, called on the generating thread. */
public interface SpeechListener {

    /** The text was split; generation starts. */
    default void planned(int segments, int characters) {
    }

    /** Segment {@code index} finished generating ({@code frames} codec frames). */
    default void segmentGenerated(int index, int frames) {
    }

    SpeechListener NONE = new SpeechListener() {
    };
}
