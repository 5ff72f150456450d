package dev.zonos4j.audio.encode;

import dev.zonos4j.util.InvalidInputException;
import java.nio.file.Path;
import java.util.Locale;

/** The audio formats we write: the names the OpenAI speech API uses, their file extensions and MIME types. */
public enum OutputFormat {
    WAV("wav", "audio/wav"),
    PCM("pcm", "audio/pcm"),
    FLAC("flac", "audio/flac"),
    MP3("mp3", "audio/mpeg"),
    OPUS("opus", "audio/ogg");

    /** The supported names, for error messages. */
    public static final String SUPPORTED = "wav, pcm, flac, mp3, opus";

    private final String apiName;
    private final String contentType;

    OutputFormat(String apiName, String contentType) {
        this.apiName = apiName;
        this.contentType = contentType;
    }

    public String apiName() {
        return apiName;
    }

    public String contentType() {
        return contentType;
    }

    /** A format by name ({@code ogg} is Opus in Ogg); {@code what} names the setting in the error. */
    public static OutputFormat parse(String name, String what) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "wav", "wave" -> WAV;
            case "pcm", "raw" -> PCM;
            case "flac" -> FLAC;
            case "mp3" -> MP3;
            case "opus", "ogg" -> OPUS;
            default -> throw new InvalidInputException(what + ": unsupported audio format '" + name + "' (supported: "
                    + SUPPORTED + ")");
        };
    }

    /** The format a file name asks for by its extension, or null when it has none we know. */
    public static OutputFormat ofFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return null;
        }
        try {
            return parse(name.substring(dot + 1), "file");
        } catch (InvalidInputException e) {
            return null;
        }
    }
}
