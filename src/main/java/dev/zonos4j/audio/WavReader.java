package dev.zonos4j.audio;

import dev.zonos4j.util.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * RIFF/WAVE decoding: integer PCM of 8 (unsigned), 16, 24 and 32 bits, IEEE float of 32 and 64 bits, plain or
 * WAVE_FORMAT_EXTENSIBLE, any rate and channel count. Chunks are walked by hand; unknown ones are skipped.
 */
final class WavReader {

    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_FLOAT = 3;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    /** The last 14 bytes of every KSDATAFORMAT_SUBTYPE_* GUID whose first two bytes are a plain format code. */
    private static final byte[] SUBTYPE_TAIL = {
        0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};
    /** Writers that stream to a pipe put a placeholder this large (often 0xFFFFFFFF) where the data size goes. */
    private static final long STREAMING_SIZE = 0x7FFF_0000L;

    private record Format(int code, int channels, int sampleRate, int blockAlign, int bits) {
    }

    private WavReader() {
    }

    static boolean looksLikeWav(byte[] d) {
        return d.length >= 12 && tag(d, 0).equals("RIFF") && tag(d, 8).equals("WAVE");
    }

    static AudioClip decode(byte[] d, String name) {
        if (!looksLikeWav(d)) {
            throw bad(name, "not a RIFF/WAVE file");
        }
        ByteBuffer buf = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
        Format format = null;
        int dataOffset = -1;
        long dataSize = 0;
        int pos = 12;
        while (pos + 8 <= d.length) {
            String id = tag(d, pos);
            long size = Integer.toUnsignedLong(buf.getInt(pos + 4));
            int body = pos + 8;
            long available = d.length - (long) body;
            if (id.equals("fmt ")) {
                if (size < 16 || size > available) {
                    throw bad(name, "the 'fmt ' chunk is " + size + " bytes (needs 16, and " + available + " remain)");
                }
                format = parseFormat(buf, body, (int) size, name);
            } else if (id.equals("data")) {
                dataOffset = body;
                if (size > available) {
                    if (size < STREAMING_SIZE) {
                        throw bad(name, "truncated: the data chunk declares " + size + " bytes but only " + available
                                + " remain");
                    }
                    size = available;
                }
                dataSize = size;
            } else if (!printable(d, pos)) {
                throw bad(name, "corrupt chunk header at byte " + pos);
            }
            if (dataOffset >= 0 && format != null) {
                break;
            }
            pos = nextChunk(d, body, size);
        }
        if (format == null) {
            throw bad(name, "no 'fmt ' chunk");
        }
        if (dataOffset < 0) {
            throw bad(name, "no 'data' chunk");
        }
        return samples(buf, format, dataOffset, (int) (dataSize / format.blockAlign()));
    }

    /** Chunks are word-aligned; some writers forget the pad byte after an odd size, so accept either when only one fits. */
    private static int nextChunk(byte[] d, int body, long size) {
        long next = body + size;
        if ((size & 1) == 0) {
            return (int) Math.min(next, d.length);
        }
        long padded = next + 1;
        if (padded + 4 <= d.length && !printable(d, (int) padded) && printable(d, (int) next)) {
            return (int) next;
        }
        return (int) Math.min(padded, d.length);
    }

    private static Format parseFormat(ByteBuffer buf, int at, int size, String name) {
        int code = Short.toUnsignedInt(buf.getShort(at));
        int channels = Short.toUnsignedInt(buf.getShort(at + 2));
        long rate = Integer.toUnsignedLong(buf.getInt(at + 4));
        int blockAlign = Short.toUnsignedInt(buf.getShort(at + 12));
        int bits = Short.toUnsignedInt(buf.getShort(at + 14));
        if (code == FORMAT_EXTENSIBLE) {
            if (size < 40) {
                throw bad(name, "WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk is " + size + " bytes, expected 40");
            }
            code = Short.toUnsignedInt(buf.getShort(at + 24));
            for (int i = 0; i < SUBTYPE_TAIL.length; i++) {
                if (buf.get(at + 26 + i) != SUBTYPE_TAIL[i]) {
                    throw bad(name, "WAVE_FORMAT_EXTENSIBLE with an unsupported sub-format GUID (only PCM and IEEE float are read)");
                }
            }
        }
        if (channels == 0) {
            throw bad(name, "the format declares 0 channels");
        }
        if (rate == 0 || rate > 1_000_000) {
            throw bad(name, "implausible sample rate " + rate + " Hz");
        }
        boolean pcmOk = code == FORMAT_PCM && (bits == 8 || bits == 16 || bits == 24 || bits == 32);
        boolean floatOk = code == FORMAT_FLOAT && (bits == 32 || bits == 64);
        if (!pcmOk && !floatOk) {
            throw bad(name, "unsupported WAV encoding: " + describe(code) + ", " + bits + " bits per sample"
                    + " (supported: PCM 8/16/24/32-bit, IEEE float 32/64-bit)");
        }
        if (blockAlign != channels * bits / 8) {
            throw bad(name, "block align " + blockAlign + " does not match " + channels + " channels of " + bits + " bits");
        }
        return new Format(code, channels, (int) rate, blockAlign, bits);
    }

    private static AudioClip samples(ByteBuffer buf, Format f, int offset, int frames) {
        float[][] ch = new float[f.channels()][frames];
        int bytes = f.bits() / 8;
        int p = offset;
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < f.channels(); c++, p += bytes) {
                ch[c][i] = sample(buf, p, f.code(), f.bits());
            }
        }
        return new AudioClip(ch, f.sampleRate());
    }

    private static float sample(ByteBuffer buf, int p, int code, int bits) {
        if (code == FORMAT_FLOAT) {
            return bits == 32 ? buf.getFloat(p) : (float) buf.getDouble(p);
        }
        return switch (bits) {
            case 8 -> ((buf.get(p) & 0xFF) - 128) / 128f;
            case 16 -> buf.getShort(p) / 32768f;
            case 24 -> ((buf.get(p) & 0xFF) | (buf.get(p + 1) & 0xFF) << 8 | buf.get(p + 2) << 16) / 8388608f;
            default -> (float) (buf.getInt(p) / 2147483648.0);
        };
    }

    private static String describe(int code) {
        return switch (code) {
            case 2 -> "Microsoft ADPCM";
            case 6 -> "A-law";
            case 7 -> "mu-law";
            case 0x11 -> "IMA ADPCM";
            case 0x55 -> "MPEG layer 3";
            case FORMAT_PCM -> "PCM";
            case FORMAT_FLOAT -> "IEEE float";
            default -> "format code 0x" + Integer.toHexString(code);
        };
    }

    private static boolean printable(byte[] d, int pos) {
        if (pos + 4 > d.length) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            if (d[pos + i] < 0x20 || d[pos + i] > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private static String tag(byte[] d, int pos) {
        return new String(d, pos, 4, StandardCharsets.ISO_8859_1);
    }

    private static InvalidInputException bad(String name, String what) {
        return new InvalidInputException(name + ": " + what);
    }
}
