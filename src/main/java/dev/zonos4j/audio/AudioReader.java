package dev.zonos4j.audio;

import dev.zonos4j.util.InvalidInputException;
import dev.zonos4j.util.ZonosException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a reference clip: WAV, FLAC, MP3 or Ogg Vorbis, recognised by content (the file name's extension is not
 * trusted). A missing, unsupported or corrupt file, or one holding NaN or infinite samples, is an
 * {@link InvalidInputException} naming the file and the problem.
 */
public final class AudioReader {

    /** Reference clips are seconds to minutes long; anything this large is a mistake, not a voice sample. */
    public static final long MAX_FILE_BYTES = 512L << 20;

    static final String SUPPORTED = "supported: WAV, FLAC, MP3, Ogg Vorbis";

    private AudioReader() {
    }

    /** Reads and decodes {@code file}. */
    public static AudioClip read(Path file) {
        return decode(readBytes(file), file.toString());
    }

    /** The file's bytes, with the size limit and errors that name the file. */
    public static byte[] readBytes(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new InvalidInputException(file + ": is a directory, not an audio file");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new InvalidInputException(file + ": " + (size >> 20) + " MB is too large for a reference clip (at most "
                        + (MAX_FILE_BYTES >> 20) + " MB)");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": file not found");
        } catch (AccessDeniedException e) {
            throw new InvalidInputException(file + ": permission denied");
        } catch (IOException e) {
            throw new ZonosException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Decodes a whole file held in memory (an upload, say).
     *
     * @param name how errors refer to the data, usually its file name
     */
    public static AudioClip decode(byte[] data, String name) {
        return decodeAny(data, name).requireFinite(name);
    }

    private static AudioClip decodeAny(byte[] data, String name) {
        if (data.length == 0) {
            throw new InvalidInputException(name + ": empty file");
        }
        if (WavReader.looksLikeWav(data)) {
            return WavReader.decode(data, name);
        }
        if (FlacReader.looksLikeFlac(data)) {
            return FlacReader.decode(data, name);
        }
        if (startsWith(data, 0, "OggS")) {
            return decodeOgg(data, name);
        }
        if (startsWith(data, 0, "ID3") || isMpegAudioSync(data)) {
            return Mp3Reader.decode(data, name);
        }
        throw new InvalidInputException(name + ": " + unsupported(data) + " (" + SUPPORTED + ")");
    }

    private static AudioClip decodeOgg(byte[] data, String name) {
        if (contains(data, "\u0001vorbis")) {
            return OggVorbisReader.decode(data, name);
        }
        String codec = contains(data, "OpusHead") ? "Ogg Opus" : contains(data, "\u007FFLAC") ? "Ogg FLAC" : "an Ogg stream of unknown codec";
        throw new InvalidInputException(name + ": " + codec + " is not supported (" + SUPPORTED + ")");
    }

    /** An MPEG audio frame header: 11 sync bits, then a layer field that is not the reserved 00 (ADTS AAC uses 00). */
    private static boolean isMpegAudioSync(byte[] d) {
        return d.length >= 2 && (d[0] & 0xFF) == 0xFF && (d[1] & 0xE0) == 0xE0 && (d[1] & 0x06) != 0;
    }

    private static String unsupported(byte[] d) {
        if (startsWith(d, 0, "RIFF")) {
            return "a RIFF file that is not WAVE audio";
        }
        if (startsWith(d, 0, "RF64") || startsWith(d, 0, "BW64")) {
            return "RF64/BW64 (64-bit WAV) is not supported; convert it to a plain WAV";
        }
        if (startsWith(d, 0, "FORM")) {
            return "AIFF is not supported";
        }
        if (startsWith(d, 4, "ftyp")) {
            return "MP4/M4A (AAC) is not supported";
        }
        if (d.length >= 2 && (d[0] & 0xFF) == 0xFF && (d[1] & 0xF6) == 0xF0) {
            return "AAC (ADTS) is not supported";
        }
        if (startsWith(d, 0, "caff")) {
            return "Core Audio (CAF) is not supported";
        }
        return "not a recognised audio file";
    }

    private static boolean startsWith(byte[] d, int at, String magic) {
        if (d.length < at + magic.length()) {
            return false;
        }
        for (int i = 0; i < magic.length(); i++) {
            if (d[at + i] != (byte) magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the codec identification appears in the first page(s) of an Ogg stream. */
    private static boolean contains(byte[] d, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.ISO_8859_1);
        int limit = Math.min(d.length, 512) - n.length;
        outer:
        for (int i = 0; i <= limit; i++) {
            for (int j = 0; j < n.length; j++) {
                if (d[i + j] != n[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
