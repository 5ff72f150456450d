package dev.zonos4j.engine.voice;

import java.nio.file.Path;

/** Where the voice store lives unless told otherwise. */
public final class VoiceStorePaths {

    private VoiceStorePaths() {
    }

    /** {@code $XDG_DATA_HOME/zonos4j/voices.db}, or {@code ~/.local/share/zonos4j/voices.db} when that is unset. */
    public static Path defaultStore() {
        return defaultStore(System.getenv("XDG_DATA_HOME"), System.getProperty("user.home"));
    }

    static Path defaultStore(String xdgDataHome, String userHome) {
        // The XDG spec says to ignore a relative XDG_DATA_HOME.
        Path base = xdgDataHome != null && !xdgDataHome.isBlank() && Path.of(xdgDataHome).isAbsolute()
                ? Path.of(xdgDataHome)
                : Path.of(userHome, ".local", "share");
        return base.resolve("zonos4j").resolve("voices.db");
    }
}
