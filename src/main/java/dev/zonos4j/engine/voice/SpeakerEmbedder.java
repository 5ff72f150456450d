package dev.zonos4j.engine.voice;

/**
 * Turns a reference clip into the 128-d Zonos speaker vector (ResNet293 + LDA, as upstream's
 * {@code make_speaker_embedding}). Implementations must be deterministic for a given model: the voice cache
 * stores one result per (audio, model) and never asks again.
 */
public interface SpeakerEmbedder {

    /** Length of a Zonos speaker embedding. */
    int DIMENSION = 128;

    /**
     * Identifies the weights (name plus a content fingerprint, say); embeddings are cached per model id, so a
     * different model must have a different id.
     */
    String modelId();

    /**
     * The speaker embedding of a clip.
     *
     * @param channels   [channel][frame] samples in [-1, 1], as {@link dev.zonos4j.audio.AudioReader} decodes them;
     *                   the encoder mixes channels itself
     * @param sampleRate the clip's rate; the encoder resamples to its own
     * @return {@link #DIMENSION} finite values
     */
    float[] embed(float[][] channels, int sampleRate);
}
