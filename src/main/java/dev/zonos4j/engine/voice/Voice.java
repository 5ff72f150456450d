package dev.zonos4j.engine.voice;

import dev.zonos4j.audio.QualityReport;
import java.util.Objects;

/**
 * A speaker embedding ready for synthesis.
 *
 * @param name      the stored name, or null for a voice made straight from a clip
 * @param embedding {@link SpeakerEmbedder#DIMENSION} values (a private copy; the accessor returns another)
 * @param modelId   the speaker model that computed it
 * @param audioKey  {@link AudioKey#of} of the clip it came from
 * @param quality   the clip's quality report under the thresholds in force
 */
public record Voice(String name, float[] embedding, String modelId, String audioKey, QualityReport quality) {

    public Voice {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(audioKey, "audioKey");
        Objects.requireNonNull(quality, "quality");
        if (embedding.length != SpeakerEmbedder.DIMENSION) {
            throw new IllegalArgumentException("a speaker embedding has " + SpeakerEmbedder.DIMENSION + " values, got "
                    + embedding.length);
        }
        embedding = embedding.clone();
    }

    @Override
    public float[] embedding() {
        return embedding.clone();
    }
}
