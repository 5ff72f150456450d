package dev.zonos4j.cli;

import dev.zonos4j.engine.voice.VoiceStorePaths;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --voice-store PATH}, shared by every voice command. */
final class VoiceStoreOption {

    @Option(names = "--voice-store", paramLabel = "PATH",
            description = "Voice store file (default: $XDG_DATA_HOME/zonos4j/voices.db, or ~/.local/share/zonos4j/voices.db).")
    Path path;

    Path path() {
        return path != null ? path : VoiceStorePaths.defaultStore();
    }

    boolean exists() {
        return Files.exists(path());
    }
}
