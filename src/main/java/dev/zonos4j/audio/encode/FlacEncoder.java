package dev.zonos4j.audio.encode;

import dev.zonos4j.audio.WavWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import net.sourceforge.javaflacencoder.EncodingConfiguration;
import net.sourceforge.javaflacencoder.FLACEncoder;
import net.sourceforge.javaflacencoder.FLACStreamOutputStream;
import net.sourceforge.javaflacencoder.StreamConfiguration;

/**
 * 16-bit mono FLAC through javaFlacEncoder. Written to a stream, the STREAMINFO block keeps "total samples
 * unknown" (0), as for any FLAC that was streamed; decoders read on to the end.
 */
final class FlacEncoder implements AudioEncoder {
    private static final int BLOCK = 4096;

    private final FLACEncoder encoder = new FLACEncoder();
    private final OutputStream out;

    FlacEncoder(OutputStream sink, int sampleRate) throws IOException {
        this.out = new BufferedOutputStream(sink, 1 << 16);
        StreamConfiguration stream = new StreamConfiguration(1, BLOCK, BLOCK, sampleRate, 16);
        if (!encoder.setStreamConfiguration(stream)) {
            throw new IllegalArgumentException("FLAC cannot encode mono 16-bit audio at " + sampleRate + " Hz");
        }
        encoder.setEncodingConfiguration(new EncodingConfiguration());
        encoder.setOutputStream(new FLACStreamOutputStream(out));
        encoder.openFLACStream();
        out.flush();
    }

    @Override
    public void write(float[] samples, int offset, int length) throws IOException {
        int[] pcm = new int[length];
        for (int i = 0; i < length; i++) {
            pcm[i] = WavWriter.pcm16(samples[offset + i]);
        }
        encoder.addSamples(pcm, length);
        int full = encoder.fullBlockSamplesAvailableToEncode();
        if (full > 0) {
            encoder.encodeSamples(full, false);
        }
        out.flush();
    }

    @Override
    public void finish() throws IOException {
        encoder.encodeSamples(encoder.samplesAvailableToEncode(), true);
        out.flush();
    }
}
