package dev.zonos4j.engine;

import dev.zonos4j.audio.encode.AudioEncoder;
import dev.zonos4j.audio.encode.OutputFormat;
import dev.zonos4j.util.ZonosException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** An encoded audio file (FLAC, MP3, Opus, raw PCM) written as audio arrives, under {@code NAME.partial} until complete. */
public final class EncodedFileSink implements AudioSink {
    private final Path file;
    private final Path partial;
    private final OutputFormat format;
    private OutputStream out;
    private AudioEncoder encoder;

    public EncodedFileSink(Path file, OutputFormat format) {
        this.file = file;
        this.partial = file.resolveSibling(file.getFileName() + ".partial");
        this.format = format;
    }

    @Override
    public void open(int sampleRate) throws IOException {
        out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16);
        encoder = AudioEncoder.open(format, out, sampleRate);
    }

    @Override
    public void write(float[] samples, int offset, int length) throws IOException {
        encoder.write(samples, offset, length);
    }

    @Override
    public void close() throws IOException {
        encoder.finish();
        out.close();
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void abort() {
        try {
            if (out != null) {
                out.close();
            }
            Files.deleteIfExists(partial);
        } catch (IOException e) {
            throw new ZonosException("cannot remove " + partial + ": " + e.getMessage(), e);
        }
    }
}
