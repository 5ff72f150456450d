package dev.zonos4j.engine;

import java.io.IOException;
import java.io.OutputStream;

/** Raw 16-bit little-endian mono PCM to a stream (e.g. stdout), flushed after every chunk. */
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
            int v = toPcm16(samples[offset + i]);
            buffer[2 * i] = (byte) v;
            buffer[2 * i + 1] = (byte) (v >> 8);
        }
        out.write(buffer, 0, 2 * length);
        out.flush();
    }

    /** Rounds to the nearest 16-bit value, clipping to the range. */
    static int toPcm16(float x) {
        float c = Math.max(-1f, Math.min(1f, x));
        return Math.round(c * 32767f);
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
