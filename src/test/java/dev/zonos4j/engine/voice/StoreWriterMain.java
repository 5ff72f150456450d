package dev.zonos4j.engine.voice;

import dev.zonos4j.audio.ClipMeasures;
import java.nio.file.Path;

/** A second process for {@link VoiceStoreTest}: writes voices and cache rows into a shared store. */
public final class StoreWriterMain {

    private StoreWriterMain() {
    }

    /** Arguments: store path, name prefix, count. Prints "ready" once the store is open. */
    public static void main(String[] args) {
        ClipMeasures measures = new ClipMeasures(10, 6, 0, 40, -20, -3, 16000, 1);
        int count = Integer.parseInt(args[2]);
        try (VoiceStore store = VoiceStore.open(Path.of(args[0]))) {
            System.out.println("ready");
            System.out.flush();
            for (int i = 0; i < count; i++) {
                float[] v = new float[SpeakerEmbedder.DIMENSION];
                v[0] = i;
                store.putVoice(args[1] + i, v, "m", "sha", "k" + i, measures.toJson().toString(), false);
                store.putEmbedding("shared" + i, "m", v, measures);
            }
        }
    }
}
