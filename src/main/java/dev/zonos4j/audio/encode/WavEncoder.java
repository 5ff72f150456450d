package dev.zonos4j.audio.encode;

import dev.zonos4j.audio.WavWriter;
import java.io.IOException;
import java.io.OutputStream;

/** A 16-bit WAV stream whose header declares an unknown length (the sizes cannot be patched on a socket). */
final class WavEncoder implements AudioEncoder {
    private final WavWriter writer;
    private final OutputStream out;

    WavEncoder(WavWriter writer, OutputStream out) {
        this.writer = writer;
        this.out = out;
    }

    @Override
    public void write(float[] samples, int offset, int length) throws IOException {
        writer.write(samples, offset, length);
        writer.flush();
        out.flush();
    }

    @Override
    public void finish() throws IOException {
        writer.finish();
        out.flush();
    }
}
