package dev.zonos4j.golden;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The kinds of reference kit, recognised by their files rather than by folder names. */
public enum Kit {
    /** Zonos LM and text front end: {@code cases/} and/or {@code text/frontend.jsonl}. */
    ZONOS,
    /** Zonos hybrid LM: {@code cases/} with a tiny model whose config has a Mamba2 {@code ssm_cfg}. */
    HYBRID,
    /** DAC codec: a {@code tiny/config.json} of model_type dac and {@code golden/}. */
    DAC,
    /** Speaker encoder and resampling: {@code .pt} checkpoints and/or {@code resample/}. */
    SPEAKER;

    /** The kind of kit {@code dir} is, or null when it is none. */
    public static Kit identify(Path dir) {
        if (Files.isDirectory(dir.resolve("cases")) && fileContains(dir.resolve("tiny/config.json"), "\"Mamba2\"")) {
            return HYBRID;
        }
        if (Files.isDirectory(dir.resolve("cases")) || Files.isRegularFile(dir.resolve("text/frontend.jsonl"))) {
            return ZONOS;
        }
        if (Files.isDirectory(dir.resolve("resample")) || hasFile(dir.resolve("tiny"), ".pt")) {
            return SPEAKER;
        }
        if (Files.isDirectory(dir.resolve("golden")) && fileContains(dir.resolve("tiny/config.json"), "\"dac\"")) {
            return DAC;
        }
        return null;
    }

    private static boolean fileContains(Path file, String text) {
        try {
            return Files.isRegularFile(file) && Files.readString(file).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean hasFile(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().endsWith(suffix));
        } catch (IOException e) {
            return false;
        }
    }

    /** A kit found at a path: the folder and its kind. */
    public record Found(Kit kit, Path dir) {
    }

    /** {@code dir} itself when it is a kit, else the kits directly inside it (a reference root). */
    public static List<Found> discover(Path dir) throws IOException {
        List<Found> out = new ArrayList<>();
        Kit self = identify(dir);
        if (self != null) {
            out.add(new Found(self, dir));
            return out;
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir).sorted()) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    Kit k = Files.isDirectory(p) ? identify(p) : null;
                    if (k != null) {
                        out.add(new Found(k, p));
                    }
                }
            }
        }
        return out;
    }
}
