package dev.zonos4j.model.dac;

/**
 * Receives decoded audio as it becomes final. The array is the decoder's reusable buffer: it is valid only during
 * the call, so a sink that keeps samples must copy them.
 */
@FunctionalInterface
public interface AudioSink {
    void write(float[] samples, int offset, int length);
}
