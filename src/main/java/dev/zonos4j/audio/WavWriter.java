package dev.zonos4j.audio;

import dev.zonos4j.util.ZonosException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Streams mono audio to a WAV file (16-bit PCM or 32-bit float). The header goes out first and is patched with
 * the final sizes by {@link #finish()}, which also renames the file from {@code NAME.partial} to {@code NAME}: a
 * stream that is cut off never leaves a file under the final name. {@link #close()} without {@link #finish()}
 * leaves {@code NAME.partial} with a valid header for the samples written so far; {@link #abort()} deletes it.
 *
 * <p>{@link #stream} writes to a non-seekable sink (stdout, HTTP) with the "unknown length" sizes 0xFFFFFFFF.
 */
public final class WavWriter implements AutoCloseable {
    /** Sample encodings. */
    public enum Encoding {
        PCM16(1, 16), FLOAT32(3, 32);

        final int formatTag;
        final int bits;

        Encoding(int formatTag, int bits) {
            this.formatTag = formatTag;
            this.bits = bits;
        }

        /** Parses {@code pcm16} / {@code float32} (case-insensitive). */
        public static Encoding parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "pcm16", "s16", "16" -> PCM16;
                case "float32", "f32", "float" -> FLOAT32;
                default -> throw new IllegalArgumentException("unknown WAV encoding '" + s + "' (use pcm16 or float32)");
            };
        }
    }

    private static final long MAX_DATA = 0xFFFFFFFFL - 64;
    private static final int BUFFER = 1 << 16;

    private final Path target;
    private final Path partial;
    private final FileChannel file;
    private final WritableByteChannel out;
    private final Encoding encoding;
    private final int sampleRate;
    private final int headerSize;
    private final ByteBuffer buf = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    private long samples;
    private boolean closed;

    private WavWriter(Path target, Path partial, FileChannel file, WritableByteChannel out, Encoding encoding,
            int sampleRate) throws IOException {
        if (sampleRate < 1) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
        this.target = target;
        this.partial = partial;
        this.file = file;
        this.out = out;
        this.encoding = encoding;
        this.sampleRate = sampleRate;
        ByteBuffer h = header(file == null ? -1 : 0);
        this.headerSize = h.remaining();
        while (h.hasRemaining()) {
            out.write(h);
        }
    }

    /** Starts {@code file} (written as {@code file.partial} until {@link #finish()}). */
    public static WavWriter create(Path file, int sampleRate, Encoding encoding) {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            FileChannel ch = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            try {
                return new WavWriter(file, partial, ch, ch, encoding, sampleRate);
            } catch (IOException | RuntimeException e) {
                ch.close();
                Files.deleteIfExists(partial);
                throw e;
            }
        } catch (IOException e) {
            throw new ZonosException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes to a stream that cannot seek back; the header declares an unknown length. */
    public static WavWriter stream(OutputStream sink, int sampleRate, Encoding encoding) {
        try {
            return new WavWriter(null, null, null, Channels.newChannel(sink), encoding, sampleRate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long samplesWritten() {
        return samples;
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** Appends samples; values outside [-1, 1] are clipped for PCM16 (NaN becomes 0). */
    public void write(float[] data, int offset, int length) {
        if (closed) {
            throw new IllegalStateException("WAV writer is closed");
        }
        int bytes = encoding.bits / 8;
        if ((samples + length) * bytes > MAX_DATA) {
            throw new ZonosException(where() + ": audio longer than a WAV file can hold (4 GiB of samples)");
        }
        try {
            for (int i = offset; i < offset + length; i++) {
                if (buf.remaining() < bytes) {
                    drain();
                }
                float v = data[i];
                if (encoding == Encoding.PCM16) {
                    buf.putShort(pcm16(v));
                } else {
                    buf.putFloat(v);
                }
            }
            samples += length;
        } catch (IOException e) {
            throw new ZonosException("cannot write " + where() + ": " + e.getMessage(), e);
        }
    }

    public void write(float[] data) {
        write(data, 0, data.length);
    }

    /** A sample as 16-bit PCM: clipped to [-1, 1], scaled by 32767, rounded half to even; NaN becomes 0. */
    public static short pcm16(float v) {
        float c = Float.isNaN(v) ? 0f : Math.max(-1f, Math.min(1f, v));
        return (short) Math.rint(c * 32767f);
    }

    /** Writes the buffered samples through (for a stream read while it is made). */
    public void flush() {
        if (closed) {
            throw new IllegalStateException("WAV writer is closed");
        }
        try {
            drain();
        } catch (IOException e) {
            throw new ZonosException("cannot write " + where() + ": " + e.getMessage(), e);
        }
    }

    private void drain() throws IOException {
        buf.flip();
        while (buf.hasRemaining()) {
            out.write(buf);
        }
        buf.clear();
    }

    /** Completes the file: flushes, patches the sizes and renames it to its final name. */
    public void finish() {
        if (closed) {
            throw new IllegalStateException("WAV writer is closed");
        }
        try {
            drain();
            if (file == null) {
                closed = true;
                return;
            }
            patchAndClose();
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ZonosException("cannot write " + where() + ": " + e.getMessage(), e);
        }
    }

    /** Closes and deletes the partial file. */
    public void abort() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (file != null) {
                file.close();
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new ZonosException("cannot remove " + partial + ": " + e.getMessage(), e);
        }
    }

    /**
     * Without a prior {@link #finish()}: flushes what was written and leaves it as {@code NAME.partial}, whose
     * header is valid for the samples so far.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            drain();
            if (file != null) {
                patchAndClose();
            }
        } catch (IOException e) {
            throw new ZonosException("cannot write " + where() + ": " + e.getMessage(), e);
        } finally {
            closed = true;
        }
    }

    private void patchAndClose() throws IOException {
        closed = true;
        try (FileChannel ch = file) {
            ByteBuffer h = header(samples);
            ch.write(h, 0);
            ch.force(false);
        }
    }

    private String where() {
        return partial != null ? partial.toString() : "WAV stream";
    }

    /** The RIFF header for {@code n} samples ({@code -1}: unknown length). */
    private ByteBuffer header(long n) {
        boolean isFloat = encoding == Encoding.FLOAT32;
        int bytes = encoding.bits / 8;
        long data = n < 0 ? 0xFFFFFFFFL : n * bytes;
        int fmtSize = isFloat ? 18 : 16;
        int size = 12 + 8 + fmtSize + (isFloat ? 12 : 0) + 8;
        ByteBuffer h = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(StandardCharsets.US_ASCII));
        h.putInt((int) (n < 0 ? 0xFFFFFFFFL : size - 8 + data));
        h.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII));
        h.putInt(fmtSize);
        h.putShort((short) encoding.formatTag);
        h.putShort((short) 1);
        h.putInt(sampleRate);
        h.putInt(sampleRate * bytes);
        h.putShort((short) bytes);
        h.putShort((short) encoding.bits);
        if (isFloat) {
            h.putShort((short) 0);
            h.put("fact".getBytes(StandardCharsets.US_ASCII));
            h.putInt(4);
            h.putInt((int) (n < 0 ? 0xFFFFFFFFL : n));
        }
        h.put("data".getBytes(StandardCharsets.US_ASCII));
        h.putInt((int) data);
        h.flip();
        return h;
    }

    /** Bytes before the first sample. */
    int headerSize() {
        return headerSize;
    }
}
