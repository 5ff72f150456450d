package dev.zonos4j.audio.encode;

import dev.zonos4j.audio.WavWriter;
import java.io.IOException;
import java.io.OutputStream;

/** Raw 16-bit little-endian mono PCM: the samples a 16-bit WAV file holds, without a header. */
final class PcmEncoder implements AudioEncoder {
    private final OutputStream out;
    private byte[] buffer = new byte[0];

    PcmEncoder(OutputStream out) {
        this.out = out;
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
    public void finish() throws IOException {
        out.flush();
    }
}
