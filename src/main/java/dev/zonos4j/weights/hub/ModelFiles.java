package dev.zonos4j.weights.hub;

import java.util.List;
import java.util.Objects;

/**
 * The files a model needs, the repository they come from by default, and the command-line option that chooses
 * them (named in error messages).
 */
public record ModelFiles(String defaultRepo, List<String> files, String option) {

    public static final ModelFiles ZONOS_TRANSFORMER = new ModelFiles(
            "Zyphra/Zonos-v0.1-transformer", List.of("config.json", "model.safetensors"), "--model");
    /** The hybrid (Mamba2 + attention) Zonos model; same files, chosen with the same option. */
    public static final ModelFiles ZONOS_HYBRID = new ModelFiles(
            "Zyphra/Zonos-v0.1-hybrid", List.of("config.json", "model.safetensors"), "--model");
    public static final ModelFiles DAC_44KHZ = new ModelFiles(
            "descript/dac_44khz", List.of("config.json", "model.safetensors"), "--codec");
    public static final ModelFiles SPEAKER_EMBEDDING = new ModelFiles(
            "Zyphra/Zonos-v0.1-speaker-embedding",
            List.of("ResNet293_SimAM_ASP_base.pt", "ResNet293_SimAM_ASP_base_LDA-128.pt"), "--speaker-model");

    public static final List<ModelFiles> KNOWN = List.of(ZONOS_TRANSFORMER, ZONOS_HYBRID, DAC_44KHZ, SPEAKER_EMBEDDING);

    public ModelFiles {
        RepoRef.parse(Objects.requireNonNull(defaultRepo, "defaultRepo"));
        files = List.copyOf(files);
        Objects.requireNonNull(option, "option");
        if (files.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one file");
        }
        for (String f : files) {
            if (f.isBlank() || f.startsWith("/") || f.contains("\\") || List.of(f.split("/")).contains("..")) {
                throw new IllegalArgumentException("'" + f + "' is not a relative file name inside a repository");
            }
        }
    }

    /** The known file list for a repo id (any revision), if it is one of the defaults. */
    public static java.util.Optional<ModelFiles> forRepo(String repoId) {
        return KNOWN.stream().filter(m -> m.defaultRepo.equalsIgnoreCase(repoId)).findFirst();
    }

    /** Other files from the same default repository, chosen by the same option. */
    public ModelFiles withFiles(List<String> otherFiles) {
        return new ModelFiles(defaultRepo, otherFiles, option);
    }
}
