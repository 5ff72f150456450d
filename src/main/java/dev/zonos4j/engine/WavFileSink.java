package dev.zonos4j.engine;

import dev.zonos4j.audio.WavWriter;
import java.nio.file.Path;

/** A WAV file written as audio arrives, under a temporary name until it is complete. */
public final class WavFileSink implements AudioSink {
    private final Path file;
    private final WavWriter.Encoding encoding;
    private WavWriter writer;

    public WavFileSink(Path file, WavWriter.Encoding encoding) {
        this.file = file;
        this.encoding = encoding;
    }

    @Override
    public void open(int sampleRate) {
        writer = WavWriter.create(file, sampleRate, encoding);
    }

    @Override
    public void write(float[] samples, int offset, int length) {
        writer.write(samples, offset, length);
    }

    @Override
    public void close() {
        writer.finish();
    }

    @Override
    public void abort() {
        if (writer != null) {
            writer.abort();
        }
    }
}
