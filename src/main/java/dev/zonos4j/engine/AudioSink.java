package dev.zonos4j.engine;

import java.io.IOException;

/**
 * Where finished audio goes, in order, as soon as it is final. A sink that is {@link #abort aborted} must not
 * leave anything that looks complete (a WAV file stays under its temporary name and is removed).
 */
public interface AudioSink extends AutoCloseable {

    /** Called once before the first samples. */
    void open(int sampleRate) throws IOException;

    /** Mono samples in [-1, 1]. */
    void write(float[] samples, int offset, int length) throws IOException;

    /** All audio was written: make the result complete and visible. */
    @Override
    void close() throws IOException;

    /** Generation failed or was cancelled: discard what was written. */
    void abort();
}
