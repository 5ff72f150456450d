package dev.zonos4j.model.zonos;

import dev.zonos4j.model.zonos.ZonosConfig.ConditionerConfig;
import dev.zonos4j.model.zonos.ZonosConfig.ConditionerType;
import dev.zonos4j.model.zonos.ZonosConfig.Projection;
import dev.zonos4j.tensor.WeightMatrix;
import dev.zonos4j.tensor.WeightMatrix.Storage;
import dev.zonos4j.weights.SafeTensors;
import dev.zonos4j.weights.Tensor;
import dev.zonos4j.weights.WeightsException;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every tensor of a Zonos checkpoint, loaded from upstream's key layout (the only place the key strings
 * appear). Big matrices stay memory-mapped in their stored dtype unless f32 compute is asked for; lookup
 * tables (embeddings) are always used as stored; vectors are small float copies. Like upstream's strict
 * {@code load_state_dict}, a missing or an unexpected key is an error.
 */
final class ZonosWeights {

    /** One transformer block; shapes with d = d_model, I = attn_mlp_d_intermediate. */
    record Block(
            float[] normWeight, float[] normBias, // [d]
            WeightMatrix inProj, // [(H + 2 Hkv) hd, d]: q | k | v
            WeightMatrix outProj, // [d, H hd]
            float[] norm2Weight, float[] norm2Bias, // [d]
            WeightMatrix fc1, // [2 I, d]: y | gate
            WeightMatrix fc2) { // [d, I]
    }

    /** One prefix conditioner; absent parts are null. */
    record Conditioner(
            ConditionerConfig config,
            WeightMatrix table, // espeak: [symbols, d]; integer: [max - min + 1, d]
            float[] fourier, // [d/2, inputDim] row-major
            WeightMatrix project, // [d, condDim]
            float[] projectBias, // [d]
            float[] uncond) { // [d]
    }

    final Block[] blocks; // [n_layer]
    final float[] normFWeight; // [d]
    final float[] normFBias; // [d]
    final WeightMatrix[] embeddings; // [9] x [1026, d]
    final WeightMatrix[] heads; // [9] x [1025, d]
    final Conditioner[] conditioners;
    final WeightMatrix prefixProject; // [d, d] or null (projection none)
    final float[] prefixProjectBias; // [d]
    final float[] prefixNormWeight; // [d]
    final float[] prefixNormBias; // [d]

    private final SafeTensors file;
    private final Set<String> used = new HashSet<>();

    private ZonosWeights(SafeTensors file, ZonosConfig cfg, Storage storage) {
        this.file = file;
        var bb = cfg.backbone();
        int d = bb.dModel();
        int hd = bb.headDim();
        int heads = bb.attnCfg().numHeads();
        int kvHeads = bb.attnCfg().numHeadsKv();
        int inter = bb.attnMlpDIntermediate();

        blocks = new Block[bb.nLayer()];
        for (int i = 0; i < blocks.length; i++) {
            String p = "backbone.layers." + i + ".";
            blocks[i] = new Block(
                    vector(p + "norm.weight", d), vector(p + "norm.bias", d),
                    matrix(p + "mixer.in_proj.weight", (heads + 2 * kvHeads) * hd, d, storage),
                    matrix(p + "mixer.out_proj.weight", d, heads * hd, storage),
                    vector(p + "norm2.weight", d), vector(p + "norm2.bias", d),
                    matrix(p + "mlp.fc1.weight", 2 * inter, d, storage),
                    matrix(p + "mlp.fc2.weight", d, inter, storage));
        }
        normFWeight = vector("backbone.norm_f.weight", d);
        normFBias = vector("backbone.norm_f.bias", d);

        embeddings = new WeightMatrix[ZonosConfig.CODEBOOKS];
        this.heads = new WeightMatrix[ZonosConfig.CODEBOOKS];
        for (int k = 0; k < ZonosConfig.CODEBOOKS; k++) {
            embeddings[k] = matrix("embeddings." + k + ".weight", cfg.embeddingRows(), d, Storage.BF16);
            this.heads[k] = matrix("heads." + k + ".weight", cfg.headRows(), d, storage);
        }

        var pc = cfg.prefixConditioner();
        conditioners = new Conditioner[pc.conditioners().size()];
        for (int i = 0; i < conditioners.length; i++) {
            conditioners[i] = conditioner(i, pc.conditioners().get(i), d, storage);
        }
        if (pc.projection() == Projection.LINEAR) {
            prefixProject = matrix("prefix_conditioner.project.weight", d, d, storage);
            prefixProjectBias = vector("prefix_conditioner.project.bias", d);
        } else {
            prefixProject = null;
            prefixProjectBias = null;
        }
        prefixNormWeight = vector("prefix_conditioner.norm.weight", d);
        prefixNormBias = vector("prefix_conditioner.norm.bias", d);

        Set<String> extra = new TreeSet<>(file.keys());
        extra.removeAll(used);
        if (!extra.isEmpty()) {
            throw new WeightsException(file.file() + ": unexpected tensors for this config.json (" + extra.size()
                    + "): " + String.join(", ", extra.stream().limit(8).toList()) + (extra.size() > 8 ? ", ..." : ""));
        }
    }

    static ZonosWeights load(SafeTensors file, ZonosConfig cfg, Storage storage) {
        return new ZonosWeights(file, cfg, storage);
    }

    private Conditioner conditioner(int i, ConditionerConfig c, int d, Storage storage) {
        String p = "prefix_conditioner.conditioners." + i + ".";
        WeightMatrix table = null;
        float[] fourier = null;
        switch (c.type()) {
            case ESPEAK -> table = matrix(p + "phoneme_embedder.weight", tensor(p + "phoneme_embedder.weight").dim(0), d,
                    Storage.BF16);
            case INTEGER -> table = matrix(p + "int_embedder.weight", (int) (c.maxVal() - c.minVal()) + 1, d, Storage.BF16);
            case FOURIER -> {
                if (d % 2 != 0) {
                    throw new WeightsException("Fourier conditioner '" + c.name() + "' needs an even d_model, got " + d);
                }
                fourier = vector(p + "weight", d / 2, c.inputDim());
            }
            case PASSTHROUGH -> {
                if (c.projection() == Projection.NONE && c.condDim() != d) {
                    throw new WeightsException("conditioner '" + c.name() + "': cond_dim " + c.condDim()
                            + " without projection must equal d_model " + d);
                }
            }
        }
        int inDim = c.type() == ConditionerType.PASSTHROUGH ? c.condDim() : d;
        WeightMatrix project = null;
        float[] projectBias = null;
        if (c.projection() == Projection.LINEAR) {
            project = matrix(p + "project.weight", d, inDim, storage);
            projectBias = vector(p + "project.bias", d);
        }
        float[] uncond = c.learnedUncond() ? vector(p + "uncond_vector", d) : null;
        return new Conditioner(c, table, fourier, project, projectBias, uncond);
    }

    private Tensor tensor(String key) {
        used.add(key);
        return file.get(key);
    }

    private WeightMatrix matrix(String key, int rows, int cols, Storage storage) {
        return WeightMatrix.of(tensor(key).expectShape(rows, cols), storage);
    }

    private float[] vector(String key, long... shape) {
        Tensor t = tensor(key).expectShape(shape);
        if (!t.dtype().isFloating()) {
            throw new WeightsException(file.file() + ": tensor '" + key + "' is " + t.dtype() + ", expected a floating type");
        }
        return t.toFloatArray();
    }

    /** Bytes a decode step streams: backbone blocks and heads. */
    long streamedBytes() {
        long n = 0;
        for (Block b : blocks) {
            n += b.inProj.bytes() + b.outProj.bytes() + b.fc1.bytes() + b.fc2.bytes();
        }
        for (WeightMatrix h : heads) {
            n += h.bytes();
        }
        return n;
    }
}
