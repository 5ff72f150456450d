package dev.zonos4j.engine;

import dev.zonos4j.audio.encode.AudioEncoder;
import dev.zonos4j.audio.encode.OutputFormat;
import java.io.IOException;
import java.io.OutputStream;

/** Audio encoded as it arrives (WAV, PCM, FLAC, MP3 or Opus) onto a stream: stdout or an HTTP response. */
public final class EncodedStreamSink implements AudioSink {
    private final OutputFormat format;
    private final OutputStream out;
    private AudioEncoder encoder;

    public EncodedStreamSink(OutputFormat format, OutputStream out) {
        this.format = format;
        this.out = out;
    }

    @Override
    public void open(int sampleRate) throws IOException {
        encoder = AudioEncoder.open(format, out, sampleRate);
    }

    @Override
    public void write(float[] samples, int offset, int length) throws IOException {
        encoder.write(samples, offset, length);
    }

    @Override
    public void close() throws IOException {
        encoder.finish();
    }

    @Override
    public void abort() {
        // Bytes already streamed cannot be taken back; the reader sees the stream end without a trailer.
    }
}
