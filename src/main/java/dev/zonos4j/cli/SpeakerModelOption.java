package dev.zonos4j.cli;

import dev.zonos4j.engine.voice.EncoderEmbedder;
import dev.zonos4j.engine.voice.SpeakerEmbedder;
import dev.zonos4j.weights.hub.HubConfig;
import dev.zonos4j.weights.hub.ModelFiles;
import dev.zonos4j.weights.hub.ModelResolver;
import picocli.CommandLine.Option;

/** {@code --speaker-model DIR|REPO}: where the two speaker-encoder checkpoints are, and loading them. */
final class SpeakerModelOption {

    @Option(names = "--speaker-model", paramLabel = "DIR|REPO",
            description = "Folder with ResNet293_SimAM_ASP_base.pt and ResNet293_SimAM_ASP_base_LDA-128.pt, or a"
                    + " Hugging Face repo id (default: Zyphra/Zonos-v0.1-speaker-embedding, downloaded into the"
                    + " Hugging Face cache when missing).")
    String model;

    /** The speaker model, or a clear error saying why there is none. */
    SpeakerEmbedder load() {
        return EncoderEmbedder.load(new ModelResolver(HubConfig.fromEnvironment()).resolve(model, ModelFiles.SPEAKER_EMBEDDING));
    }
}
