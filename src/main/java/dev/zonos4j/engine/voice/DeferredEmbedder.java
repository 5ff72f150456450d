package dev.zonos4j.engine.voice;

import java.util.function.Supplier;

/**
 * A speaker model loaded on first use: making a voice from a clip needs the (large) speaker encoder, speaking
 * with a saved voice does not, so nothing is resolved, downloaded or loaded until a clip must be embedded.
 */
public final class DeferredEmbedder implements SpeakerEmbedder {
    private final Supplier<SpeakerEmbedder> loader;
    private volatile SpeakerEmbedder loaded;

    public DeferredEmbedder(Supplier<SpeakerEmbedder> loader) {
        this.loader = loader;
    }

    private SpeakerEmbedder get() {
        SpeakerEmbedder e = loaded;
        if (e == null) {
            synchronized (this) {
                e = loaded;
                if (e == null) {
                    e = loader.get();
                    loaded = e;
                }
            }
        }
        return e;
    }

    @Override
    public String modelId() {
        return get().modelId();
    }

    @Override
    public float[] embed(float[][] channels, int sampleRate) {
        return get().embed(channels, sampleRate);
    }
}
