package dev.zonos4j.engine;

import dev.zonos4j.audio.WavWriter;
import java.io.IOException;
import java.io.OutputStream;

/** Raw 16-bit little-endian mono PCM to a stream (e.g. stdout), the samples a PCM16 WAV file would hold, flushed per chunk. */
public final class PcmStreamSink implements AudioSink {
    private final OutputStream out;
    private byte[] buffer = new byte[0];

    public PcmStreamSink(OutputStream out) {
        this.out = out;
    }

    @Override
    public void open(int sampleRate) {
        // Raw PCM has no header; the rate is the caller's to know.
    }

    @Override
    public void write(float[] samples, int offset, int length) throws IOException {
        if (buffer.length < 2 * length) {
            buffer = new byte[2 * length];
        }
        for (int i = 0; i < length; i++) {
            short v = WavWriter.pcm16(samples[offset + i]);
            buffer[2 * i] = (byte) v;
            buffer[2 * i + 1] = (byte) (v >> 8);
        }
        out.write(buffer, 0, 2 * length);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }

    @Override
    public void abort() {
        // Bytes already streamed cannot be taken back; the consumer sees the stream end early.
    }
}
