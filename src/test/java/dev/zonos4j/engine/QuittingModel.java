package dev.zonos4j.engine;

import dev.zonos4j.TestKits;
import dev.zonos4j.weights.SafeTensors;
import dev.zonos4j.weights.SafeTensorsWriter;
import dev.zonos4j.weights.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The tiny test model changed so that every segment ends at once: the final norm outputs a constant vector of
 * ones and codebook 0's EOS row is all ones, so EOS wins codebook 0 by a wide margin at the first step. This is
 * how a test meets a segment that "ends far too early" without waiting for a random model to do so by chance.
 * {@link #writeEndless} is its opposite: the EOS row is all minus ones, so no segment ever ends by itself.
 */
final class QuittingModel {
    static final int EOS = 1024;

    private QuittingModel() {
    }

    /** Writes the model (config.json + model.safetensors) into {@code dir} and returns it. */
    static Path write(Path dir) throws IOException {
        return write(dir, 1f);
    }

    /** Writes a model whose segments never emit EOS, so each runs to its frame cap. */
    static Path writeEndless(Path dir) throws IOException {
        return write(dir, -1f);
    }

    private static Path write(Path dir, float eosWeight) throws IOException {
        Path tiny = TestKits.zonos().resolve("tiny");
        Files.createDirectories(dir);
        Files.copy(tiny.resolve("config.json"), dir.resolve("config.json"));
        SafeTensors source = SafeTensors.open(tiny.resolve("model.safetensors"));
        SafeTensorsWriter out = new SafeTensorsWriter();
        for (Map.Entry<String, Tensor> e : source.tensors().entrySet()) {
            float[] v = e.getValue().toFloatArray();
            long[] shape = e.getValue().shape();
            switch (e.getKey()) {
                case "backbone.norm_f.weight" -> Arrays.fill(v, 0f);
                case "backbone.norm_f.bias" -> Arrays.fill(v, 1f);
                case "heads.0.weight" -> Arrays.fill(v, EOS * (int) shape[1], (EOS + 1) * (int) shape[1], eosWeight);
                default -> { }
            }
            out.addF32(e.getKey(), shape, v);
        }
        out.write(dir.resolve("model.safetensors"));
        return dir;
    }
}
