package dev.zonos4j.engine.voice;

import dev.zonos4j.model.speaker.SpeakerEncoder;
import java.nio.file.Path;

/** The ResNet293 + LDA speaker encoder behind the voice library's embedder port. */
public final class EncoderEmbedder implements SpeakerEmbedder {
    private final SpeakerEncoder encoder;

    public EncoderEmbedder(SpeakerEncoder encoder) {
        this.encoder = encoder;
    }

    /** Loads the two upstream checkpoints from {@code dir}. */
    public static EncoderEmbedder load(Path dir) {
        return new EncoderEmbedder(SpeakerEncoder.load(dir));
    }

    @Override
    public String modelId() {
        return encoder.modelId();
    }

    @Override
    public float[] embed(float[][] channels, int sampleRate) {
        return encoder.embed(channels, sampleRate).speaker();
    }
}
