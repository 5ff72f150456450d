package dev.zonos4j.audio.encode;

import de.sciss.jump3r.lowlevel.LameEncoder;
import dev.zonos4j.audio.WavWriter;
import java.io.IOException;
import java.io.OutputStream;
import javax.sound.sampled.AudioFormat;

/** Mono constant-bit-rate MP3 through jump3r (a Java port of LAME). */
final class Mp3Encoder implements AudioEncoder {
    /** kbit/s: transparent for speech at 44.1 kHz mono. */
    private static final int BITRATE = 96;

    private final LameEncoder lame;
    private final OutputStream out;
    private final byte[] pcm;
    private final byte[] mp3;
    private int pending;

    Mp3Encoder(OutputStream out, int sampleRate) {
        this.out = out;
        AudioFormat source = new AudioFormat(sampleRate, 16, 1, true, false);
        this.lame = new LameEncoder(source, BITRATE, LameEncoder.CHANNEL_MODE_MONO, LameEncoder.QUALITY_MIDDLE, false);
        this.pcm = new byte[lame.getPCMBufferSize()];
        this.mp3 = new byte[Math.max(lame.getMP3BufferSize(), 8192)];
    }

    @Override
    public void write(float[] samples, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            short v = WavWriter.pcm16(samples[i]);
            pcm[pending++] = (byte) v;
            pcm[pending++] = (byte) (v >> 8);
            if (pending == pcm.length) {
                encodePending();
            }
        }
        encodePending();
        out.flush();
    }

    private void encodePending() throws IOException {
        if (pending > 0) {
            int n = lame.encodeBuffer(pcm, 0, pending, mp3);
            out.write(mp3, 0, n);
            pending = 0;
        }
    }

    @Override
    public void finish() throws IOException {
        encodePending();
        int n = lame.encodeFinish(mp3);
        out.write(mp3, 0, n);
        lame.close();
        out.flush();
    }
}
