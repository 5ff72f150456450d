package dev.zonos4j.audio.encode;

import dev.zonos4j.audio.Resampler;
import dev.zonos4j.audio.WavWriter;
import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Mono Opus in Ogg (RFC 7845) through Concentus, a Java port of libopus. Opus runs at 48 kHz, so the audio is
 * resampled with our {@link Resampler} first; 20 ms packets; each {@code write} ends a page so the audio streams.
 */
final class OggOpusEncoder implements AudioEncoder {
    private static final int RATE = 48_000;
    private static final int FRAME = 960;
    private static final int BITRATE = 48_000;

    private final OutputStream out;
    private final OpusEncoder opus;
    private final Resampler.Stream resampler;
    private final OggPageWriter pages;
    private final int preSkip;
    private final short[] frame = new short[FRAME];
    private final byte[] packet = new byte[4000];
    private int filled;
    private long samples48k;
    private long encoded;

    OggOpusEncoder(OutputStream out, int sampleRate) throws IOException {
        this.out = out;
        try {
            opus = new OpusEncoder(RATE, 1, OpusApplication.OPUS_APPLICATION_AUDIO);
        } catch (OpusException e) {
            throw new IOException("cannot start the Opus encoder: " + e.getMessage(), e);
        }
        opus.setBitrate(BITRATE);
        resampler = Resampler.of(sampleRate, RATE, Resampler.Variant.FUNCTIONAL).stream(1);
        preSkip = opus.getLookahead();
        pages = new OggPageWriter(out, 0x5A4F4E53);
        pages.add(head(sampleRate), 0);
        pages.flush(false);
        pages.add(tags(), 0);
        pages.flush(false);
        out.flush();
    }

    private byte[] head(int inputRate) {
        byte[] h = new byte[19];
        System.arraycopy("OpusHead".getBytes(StandardCharsets.US_ASCII), 0, h, 0, 8);
        h[8] = 1;
        h[9] = 1;
        h[10] = (byte) preSkip;
        h[11] = (byte) (preSkip >> 8);
        for (int i = 0; i < 4; i++) {
            h[12 + i] = (byte) (inputRate >>> (8 * i));
        }
        // output gain 0, channel mapping family 0 (mono/stereo)
        return h;
    }

    private static byte[] tags() {
        byte[] vendor = "Zonos4J (Concentus)".getBytes(StandardCharsets.UTF_8);
        byte[] t = new byte[8 + 4 + vendor.length + 4];
        System.arraycopy("OpusTags".getBytes(StandardCharsets.US_ASCII), 0, t, 0, 8);
        t[8] = (byte) vendor.length;
        System.arraycopy(vendor, 0, t, 12, vendor.length);
        return t;
    }

    @Override
    public void write(float[] samples, int offset, int length) throws IOException {
        float[] block = new float[length];
        System.arraycopy(samples, offset, block, 0, length);
        push(resampler.push(new float[][] {block})[0], false);
        pages.flush(false);
        out.flush();
    }

    @Override
    public void finish() throws IOException {
        push(resampler.finish()[0], true);
        pages.flush(true);
        out.flush();
    }

    private void push(float[] audio, boolean last) throws IOException {
        samples48k += audio.length;
        for (float v : audio) {
            frame[filled++] = WavWriter.pcm16(v);
            if (filled == FRAME) {
                encodeFrame();
            }
        }
        if (last) {
            // Enough padded frames that the decoder, after dropping the pre-skip, has every real sample.
            while (encoded < samples48k + preSkip) {
                while (filled < FRAME) {
                    frame[filled++] = 0;
                }
                encodeFrame();
            }
        }
    }

    private void encodeFrame() throws IOException {
        int n;
        try {
            n = opus.encode(frame, 0, FRAME, packet, 0, packet.length);
        } catch (OpusException e) {
            throw new IOException("Opus encoding failed: " + e.getMessage(), e);
        }
        encoded += FRAME;
        byte[] p = new byte[n];
        System.arraycopy(packet, 0, p, 0, n);
        // The granule counts decoded samples including the pre-skip; the last page's value trims the padding.
        pages.add(p, Math.min(encoded, samples48k + preSkip));
        filled = 0;
    }
}
