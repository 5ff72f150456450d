package dev.zonos4j.model.zonos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zonos4j.tensor.Parallel;
import dev.zonos4j.tensor.WeightMatrix;
import dev.zonos4j.util.Json;
import dev.zonos4j.util.ZonosException;
import dev.zonos4j.weights.DType;
import dev.zonos4j.weights.SafeTensorsWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a random-weight checkpoint in the published layout (config.json + bf16 model.safetensors), streamed
 * to disk, for benchmarks and tests at real size. Small normal init keeps activations and logits sane:
 * LayerNorm weight 1 + 0.1 N, biases 0.1 N, linear N / sqrt(in), code embeddings N / 3, heads N / sqrt(d),
 * lookup tables N, conv taps N / sqrt(width), Mamba2's A_log, dt_bias and D 0.5 N. The same seed gives the same bytes whatever the thread count.
 */
public final class RandomCheckpoint {
    private static final int CHUNK = 1 << 20;

    private RandomCheckpoint() {
    }

    /** Writes {@code dir/config.json} (the given JSON) and {@code dir/model.safetensors}; returns the file's bytes. */
    public static long write(JsonNode configJson, Path dir, long seed) {
        ZonosConfig cfg = ZonosConfig.parse(configJson);
        List<ZonosWeights.Spec> specs = ZonosWeights.layout(cfg).stream()
                .sorted(Comparator.comparing(ZonosWeights.Spec::name)).toList();
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("config.json"), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(configJson));
        } catch (IOException e) {
            throw new ZonosException("cannot write " + dir.resolve("config.json") + ": " + e.getMessage(), e);
        }
        SafeTensorsWriter w = new SafeTensorsWriter().metadata("format", "pt").metadata("zonos4j", "random weights, seed " + seed);
        int d = cfg.backbone().dModel();
        for (int t = 0; t < specs.size(); t++) {
            ZonosWeights.Spec spec = specs.get(t);
            long tensorSeed = seed * 1_000_003L + t;
            w.add(spec.name(), DType.BF16, spec.shape(), out -> {
                long n = 1;
                for (long s : spec.shape()) {
                    n *= s;
                }
                float scale = scale(spec, d);
                float shift = spec.role() == ZonosWeights.Role.NORM_WEIGHT ? 1f : 0f;
                byte[] bytes = new byte[(int) Math.min(n, CHUNK) * 2];
                for (long at = 0; at < n; at += CHUNK) {
                    int len = (int) Math.min(CHUNK, n - at);
                    long chunkSeed = tensorSeed * 7919L + at / CHUNK;
                    fill(bytes, len, chunkSeed, scale, shift);
                    out.write(bytes, 0, len * 2);
                }
            });
        }
        Path file = dir.resolve("model.safetensors");
        w.write(file);
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new ZonosException("cannot stat " + file + ": " + e.getMessage(), e);
        }
    }

    private static float scale(ZonosWeights.Spec spec, int d) {
        return switch (spec.role()) {
            case NORM_WEIGHT, BIAS -> 0.1f;
            case LINEAR -> (float) (1 / Math.sqrt(spec.shape()[1]));
            case EMBEDDING -> 1f / 3;
            case HEAD -> (float) (1 / Math.sqrt(d));
            case TABLE -> 1f;
            case CONV -> (float) (1 / Math.sqrt(spec.shape()[2]));
            case SSM -> 0.5f;
        };
    }

    /** len bf16 values shift + scale * N(0, 1), little-endian, drawn in parallel sub-chunks with fixed seeds. */
    private static void fill(byte[] bytes, int len, long seed, float scale, float shift) {
        int sub = 1 << 14;
        int parts = (len + sub - 1) / sub;
        Parallel.forRange(parts, 4, (from, to) -> {
            for (int p = from; p < to; p++) {
                SplittableRandom rnd = new SplittableRandom(seed * 31 + p);
                int end = Math.min(len, (p + 1) * sub);
                for (int i = p * sub; i < end; i++) {
                    short v = WeightMatrix.floatToBf16(shift + scale * (float) rnd.nextGaussian());
                    bytes[2 * i] = (byte) v;
                    bytes[2 * i + 1] = (byte) (v >> 8);
                }
            }
        });
    }
}
