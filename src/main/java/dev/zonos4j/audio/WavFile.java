package dev.zonos4j.audio;

import dev.zonos4j.util.InvalidInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A minimal WAV reader for the codec's {@code encode} command: PCM 8/16/24/32-bit and float 32/64-bit,
 * any channel count (mixed to mono by averaging), WAVE_FORMAT_EXTENSIBLE included. The full multi-format
 * reader (FLAC, MP3, ...) lives elsewhere in this package.
 */
public final class WavFile {
    /** Mono samples in [-1, 1] (float files may exceed it) at {@code sampleRate}. */
    public record Clip(float[] samples, int sampleRate, int channels) {
        public double seconds() {
            return (double) samples.length / sampleRate;
        }
    }

    private WavFile() {
    }

    public static Clip read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": file not found");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(file.toString(), bytes);
    }

    static Clip parse(String name, byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || !tag(b, 0).equals("RIFF") || !tag(b, 8).equals("WAVE")) {
            throw new InvalidInputException(name + ": not a WAV file (no RIFF/WAVE header)");
        }
        int format = -1;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        int pos = 12;
        while (pos + 8 <= bytes.length) {
            String id = tag(b, pos);
            long size = Integer.toUnsignedLong(b.getInt(pos + 4));
            int body = pos + 8;
            if (id.equals("fmt ")) {
                if (size < 16 || body + 16 > bytes.length) {
                    throw new InvalidInputException(name + ": truncated fmt chunk");
                }
                format = b.getShort(body) & 0xFFFF;
                channels = b.getShort(body + 2) & 0xFFFF;
                rate = b.getInt(body + 4);
                bits = b.getShort(body + 14) & 0xFFFF;
                if (format == 0xFFFE && size >= 40) {
                    format = b.getShort(body + 24) & 0xFFFF; // sub-format GUID starts with the format tag
                }
            } else if (id.equals("data")) {
                if (format < 0) {
                    throw new InvalidInputException(name + ": data chunk before fmt chunk");
                }
                long avail = bytes.length - body;
                long len = size == 0xFFFFFFFFL || size > avail ? avail : size;
                return new Clip(decode(name, b, body, (int) len, format, channels, bits), rate, channels);
            }
            pos = (int) Math.min(bytes.length, body + size + (size & 1));
        }
        throw new InvalidInputException(name + ": WAV file has no data chunk");
    }

    private static float[] decode(String name, ByteBuffer b, int off, int len, int format, int channels, int bits) {
        if (channels < 1 || bits < 8 || bits % 8 != 0) {
            throw new InvalidInputException(name + ": unsupported WAV layout (" + channels + " channels, " + bits + " bits)");
        }
        boolean pcm = format == 1 && bits <= 32;
        boolean flt = format == 3 && (bits == 32 || bits == 64);
        if (!pcm && !flt) {
            throw new InvalidInputException(name + ": unsupported WAV encoding (format tag " + format + ", " + bits
                    + " bits); use PCM 8/16/24/32-bit or float 32/64-bit");
        }
        int bytes = bits / 8;
        int frames = len / (bytes * channels);
        float[] out = new float[frames];
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                int p = off + (f * channels + c) * bytes;
                sum += flt ? (bits == 32 ? b.getFloat(p) : b.getDouble(p)) : pcmValue(b, p, bits);
            }
            out[f] = (float) (sum / channels);
        }
        return out;
    }

    private static double pcmValue(ByteBuffer b, int p, int bits) {
        return switch (bits) {
            case 8 -> ((b.get(p) & 0xFF) - 128) / 128.0;
            case 16 -> b.getShort(p) / 32768.0;
            case 24 -> ((b.get(p) & 0xFF) | (b.get(p + 1) & 0xFF) << 8 | b.get(p + 2) << 16) / 8388608.0;
            default -> b.getInt(p) / 2147483648.0;
        };
    }

    private static String tag(ByteBuffer b, int pos) {
        byte[] t = new byte[4];
        b.get(pos, t);
        return new String(t, StandardCharsets.US_ASCII);
    }
}
