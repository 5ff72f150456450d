package dev.zonos4j.audio.join;

/** Receives finished mono samples in order; the array is only valid during the call. */
@FunctionalInterface
public interface SampleSink {
    void write(float[] samples, int offset, int length);
}
