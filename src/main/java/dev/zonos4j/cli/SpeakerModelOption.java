package dev.zonos4j.cli;

import dev.zonos4j.engine.voice.SpeakerEmbedder;
import dev.zonos4j.util.ZonosException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --speaker-model DIR}: where the two speaker-encoder checkpoints are, and loading them. */
final class SpeakerModelOption {

    static final String REPO = "Zyphra/Zonos-v0.1-speaker-embedding";
    static final String[] FILES = {"ResNet293_SimAM_ASP_base.pt", "ResNet293_SimAM_ASP_base_LDA-128.pt"};

    @Option(names = "--speaker-model", paramLabel = "DIR",
            description = "Folder with " + "ResNet293_SimAM_ASP_base.pt and ResNet293_SimAM_ASP_base_LDA-128.pt"
                    + " (default: the Hugging Face cache snapshot of " + REPO + ").")
    Path dir;

    /** The speaker model, or a clear error saying why there is none. */
    SpeakerEmbedder load() {
        Path d = dir != null ? dir : huggingFaceSnapshot();
        if (d == null) {
            throw new ZonosException("no speaker model: " + REPO + " is not in the Hugging Face cache; download it, or pass"
                    + " --speaker-model DIR with " + String.join(" and ", FILES));
        }
        for (String f : FILES) {
            if (!Files.isRegularFile(d.resolve(f))) {
                throw new ZonosException("speaker model folder " + d + " lacks " + f + " (from " + REPO + ")");
            }
        }
        throw new ZonosException("cannot embed voices yet: the speaker encoder is not wired into this build"
                + " (model files found in " + d + ")");
    }

    /** {@code <hub cache>/models--Zyphra--Zonos-v0.1-speaker-embedding/snapshots/<main>}, or null. */
    static Path huggingFaceSnapshot() {
        String hubCache = System.getenv("HF_HUB_CACHE");
        String hfHome = System.getenv("HF_HOME");
        String xdgCache = System.getenv("XDG_CACHE_HOME");
        Path hub = hubCache != null ? Path.of(hubCache)
                : hfHome != null ? Path.of(hfHome, "hub")
                : xdgCache != null ? Path.of(xdgCache, "huggingface", "hub")
                : Path.of(System.getProperty("user.home"), ".cache", "huggingface", "hub");
        Path model = hub.resolve("models--" + REPO.replace("/", "--"));
        try {
            Path ref = model.resolve("refs").resolve("main");
            if (!Files.isRegularFile(ref)) {
                return null;
            }
            Path snapshot = model.resolve("snapshots").resolve(Files.readString(ref).trim());
            return Files.isDirectory(snapshot) ? snapshot : null;
        } catch (IOException e) {
            return null;
        }
    }
}
