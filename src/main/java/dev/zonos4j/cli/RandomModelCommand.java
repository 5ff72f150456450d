package dev.zonos4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zonos4j.model.zonos.RandomCheckpoint;
import dev.zonos4j.util.InvalidInputException;
import dev.zonos4j.util.Json;
import dev.zonos4j.util.ZonosException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zonos debug random-model}: a random-weight Zonos checkpoint in the published layout. */
@Command(name = "random-model", mixinStandardHelpOptions = true,
        description = "Write config.json + model.safetensors (bf16, published key layout) with random weights.")
final class RandomModelCommand implements Callable<Integer> {
    @Option(names = "--config", defaultValue = "real",
            description = "real (Zyphra/Zonos-v0.1-transformer, ~3.2 GB), tiny (the reference kit's), hybrid-real"
                    + " (Zyphra/Zonos-v0.1-hybrid, ~3.3 GB), hybrid-tiny, or a config.json path.")
    String config;

    @Option(names = "--layers", description = "Override n_layer (transformer: all attention layers; hybrid: attention"
            + " at every fourth layer from 0, as the published hybrid).")
    Integer layers;

    @Option(names = "--out", required = true, description = "Output folder (created).")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "Weight seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        ObjectNode cfg = (ObjectNode) load(config);
        if (layers != null) {
            if (layers < 1) {
                throw new InvalidInputException("--layers must be >= 1, got " + layers);
            }
            ObjectNode bb = (ObjectNode) cfg.get("backbone");
            boolean hybrid = bb.path("ssm_cfg").size() > 0;
            if (hybrid && layers < 2) {
                throw new InvalidInputException("--layers must be >= 2 for the hybrid (an attention and a Mamba2 layer)");
            }
            bb.put("n_layer", layers);
            ArrayNode idx = bb.putArray("attn_layer_idx");
            for (int i = 0; i < layers; i += hybrid ? 4 : 1) {
                idx.add(i);
            }
        }
        long t0 = System.nanoTime();
        long bytes = RandomCheckpoint.write(cfg, out, seed);
        System.out.printf(Locale.ROOT, "wrote %s/config.json and model.safetensors (%.2f GB, bf16) in %.1f s%n", out,
                bytes / 1e9, (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    private static JsonNode load(String config) throws IOException {
        String resource = switch (config) {
            case "real" -> "real-config-transformer.json";
            case "tiny" -> "tiny-config.json";
            case "hybrid-real" -> "real-config-hybrid.json";
            case "hybrid-tiny" -> "tiny-hybrid-config.json";
            default -> null;
        };
        if (resource == null) {
            Path p = Path.of(config);
            if (!Files.isRegularFile(p)) {
                throw new InvalidInputException("--config: " + config + " is neither real, tiny, hybrid-real, hybrid-tiny nor a config.json file");
            }
            return Json.read(p);
        }
        try (InputStream in = RandomCheckpoint.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ZonosException("built-in config " + resource + " is missing from the jar");
            }
            return Json.MAPPER.readTree(in);
        }
    }
}
