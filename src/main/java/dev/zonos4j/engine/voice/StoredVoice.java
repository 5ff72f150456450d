package dev.zonos4j.engine.voice;

import java.time.Instant;
import java.util.Objects;

/**
 * A named voice as the store holds it.
 *
 * @param sourceSha256 SHA-256 of the clip file's bytes as it was added
 * @param created      when it was added
 */
public record StoredVoice(Voice voice, String sourceSha256, Instant created) {

    public StoredVoice {
        Objects.requireNonNull(voice, "voice");
        Objects.requireNonNull(voice.name(), "a stored voice has a name");
        Objects.requireNonNull(sourceSha256, "sourceSha256");
        Objects.requireNonNull(created, "created");
    }

    public String name() {
        return voice.name();
    }
}
