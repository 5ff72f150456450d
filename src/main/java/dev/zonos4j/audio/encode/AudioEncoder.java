package dev.zonos4j.audio.encode;

import dev.zonos4j.audio.WavWriter;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Mono float audio in, an encoded byte stream out, as the audio arrives: each {@link #write} pushes out what
 * it completes (so a streamed response starts before the text is finished), {@link #finish} the rest.
 * Nothing is seeked back, so the output can go to a socket.
 */
public interface AudioEncoder {

    void write(float[] samples, int offset, int length) throws IOException;

    /** Flushes the last samples and any trailer; the stream itself is left open. */
    void finish() throws IOException;

    /** An encoder of {@code format} for mono audio at {@code sampleRate} writing to {@code out}. */
    static AudioEncoder open(OutputFormat format, OutputStream out, int sampleRate) throws IOException {
        return switch (format) {
            case WAV -> new WavEncoder(WavWriter.stream(out, sampleRate, WavWriter.Encoding.PCM16), out);
            case PCM -> new PcmEncoder(out);
            case FLAC -> new FlacEncoder(out, sampleRate);
            case MP3 -> new Mp3Encoder(out, sampleRate);
            case OPUS -> new OggOpusEncoder(out, sampleRate);
        };
    }
}
