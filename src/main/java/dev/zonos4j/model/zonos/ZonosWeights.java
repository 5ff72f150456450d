package dev.zonos4j.model.zonos;

import dev.zonos4j.model.zonos.ZonosConfig.ConditionerConfig;
import dev.zonos4j.model.zonos.ZonosConfig.ConditionerType;
import dev.zonos4j.model.zonos.ZonosConfig.Projection;
import dev.zonos4j.tensor.Kernels;
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

    /**
     * One Mamba2 block of the hybrid; shapes with d = d_model, E = d_inner, C = conv_dim, H = SSM heads,
     * N = d_state, G = ngroups.
     */
    record MambaBlock(
            float[] normWeight, float[] normBias, // [d]
            WeightMatrix inProj, // [2 E + 2 G N + H, d]: z | x | B | C | dt
            float[] convWeight, // [C, d_conv] (stored [C, 1, d_conv])
            float[] convBias, // [C]
            float[] dtBias, // [H]
            float[] aLog, // [H]; A = -exp(A_log)
            float[] d, // [H]: skip x * D
            float[] gateNormWeight, // [E]
            WeightMatrix outProj) { // [d, E]
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

    final Block[] blocks; // [n_layer]; null at the hybrid's Mamba2 layers
    final MambaBlock[] mambaBlocks; // [n_layer]; null at attention layers (all null for the transformer)
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

    // Upstream's state_dict names (the only place they are spelled out).
    private static String layer(int i, String part) {
        return "backbone.layers." + i + "." + part;
    }

    private static String cond(int i, String part) {
        return "prefix_conditioner.conditioners." + i + "." + part;
    }

    private static final String NORM_W = "norm.weight";
    private static final String NORM_B = "norm.bias";
    private static final String IN_PROJ = "mixer.in_proj.weight";
    private static final String OUT_PROJ = "mixer.out_proj.weight";
    private static final String NORM2_W = "norm2.weight";
    private static final String NORM2_B = "norm2.bias";
    private static final String FC1 = "mlp.fc1.weight";
    private static final String FC2 = "mlp.fc2.weight";
    private static final String A_LOG = "mixer.A_log";
    private static final String SKIP_D = "mixer.D";
    private static final String CONV_W = "mixer.conv1d.weight";
    private static final String CONV_B = "mixer.conv1d.bias";
    private static final String DT_BIAS = "mixer.dt_bias";
    private static final String GATE_NORM_W = "mixer.norm.weight";
    private static final String NORM_F_W = "backbone.norm_f.weight";
    private static final String NORM_F_B = "backbone.norm_f.bias";
    private static final String PHONEMES = "phoneme_embedder.weight";
    private static final String INT_TABLE = "int_embedder.weight";
    private static final String FOURIER = "weight";
    private static final String PROJECT_W = "project.weight";
    private static final String PROJECT_B = "project.bias";
    private static final String UNCOND = "uncond_vector";
    private static final String PREFIX_PROJECT_W = "prefix_conditioner.project.weight";
    private static final String PREFIX_PROJECT_B = "prefix_conditioner.project.bias";
    private static final String PREFIX_NORM_W = "prefix_conditioner.norm.weight";
    private static final String PREFIX_NORM_B = "prefix_conditioner.norm.bias";

    private static String embedding(int k) {
        return "embeddings." + k + ".weight";
    }

    private static String head(int k) {
        return "heads." + k + ".weight";
    }

    /** How a tensor of the layout is initialised in a random checkpoint. */
    enum Role {
        NORM_WEIGHT, BIAS, LINEAR, EMBEDDING, HEAD, TABLE, CONV, SSM
    }

    /** One tensor of the checkpoint layout: name, stored shape, and how a random checkpoint fills it. */
    record Spec(String name, long[] shape, Role role) {
    }

    /** Symbols of upstream's phoneme table (4 special ids + 185 symbols); the loader reads it from the file. */
    static final int PHONEME_SYMBOLS = 189;

    /** Every tensor a checkpoint for {@code cfg} holds, with its shape, in upstream's naming. */
    static java.util.List<Spec> layout(ZonosConfig cfg) {
        var bb = cfg.backbone();
        long d = bb.dModel();
        long hd = bb.headDim();
        long heads = bb.attnCfg().numHeads();
        long kvHeads = bb.attnCfg().numHeadsKv();
        long inter = bb.mlpHidden();
        java.util.List<Spec> out = new java.util.ArrayList<>();
        for (int i = 0; i < bb.nLayer(); i++) {
            if (!bb.isAttention(i)) {
                mambaLayout(i, cfg, out);
                continue;
            }
            out.add(new Spec(layer(i, NORM_W), new long[] {d}, Role.NORM_WEIGHT));
            out.add(new Spec(layer(i, NORM_B), new long[] {d}, Role.BIAS));
            out.add(new Spec(layer(i, IN_PROJ), new long[] {(heads + 2 * kvHeads) * hd, d}, Role.LINEAR));
            out.add(new Spec(layer(i, OUT_PROJ), new long[] {d, heads * hd}, Role.LINEAR));
            out.add(new Spec(layer(i, NORM2_W), new long[] {d}, Role.NORM_WEIGHT));
            out.add(new Spec(layer(i, NORM2_B), new long[] {d}, Role.BIAS));
            out.add(new Spec(layer(i, FC1), new long[] {2 * inter, d}, Role.LINEAR));
            out.add(new Spec(layer(i, FC2), new long[] {d, inter}, Role.LINEAR));
        }
        out.add(new Spec(NORM_F_W, new long[] {d}, Role.NORM_WEIGHT));
        out.add(new Spec(NORM_F_B, new long[] {d}, Role.BIAS));
        for (int k = 0; k < ZonosConfig.CODEBOOKS; k++) {
            out.add(new Spec(embedding(k), new long[] {cfg.embeddingRows(), d}, Role.EMBEDDING));
            out.add(new Spec(head(k), new long[] {cfg.headRows(), d}, Role.HEAD));
        }
        var conds = cfg.prefixConditioner().conditioners();
        for (int i = 0; i < conds.size(); i++) {
            ConditionerConfig c = conds.get(i);
            switch (c.type()) {
                case ESPEAK -> out.add(new Spec(cond(i, PHONEMES), new long[] {PHONEME_SYMBOLS, d}, Role.TABLE));
                case INTEGER -> out.add(new Spec(cond(i, INT_TABLE), new long[] {(long) (c.maxVal() - c.minVal()) + 1, d}, Role.TABLE));
                case FOURIER -> out.add(new Spec(cond(i, FOURIER), new long[] {d / 2, c.inputDim()}, Role.TABLE));
                case PASSTHROUGH -> { }
            }
            if (c.projection() == Projection.LINEAR) {
                long in = c.type() == ConditionerType.PASSTHROUGH ? c.condDim() : d;
                out.add(new Spec(cond(i, PROJECT_W), new long[] {d, in}, Role.LINEAR));
                out.add(new Spec(cond(i, PROJECT_B), new long[] {d}, Role.BIAS));
            }
            if (c.learnedUncond()) {
                out.add(new Spec(cond(i, UNCOND), new long[] {d}, Role.TABLE));
            }
        }
        if (cfg.prefixConditioner().projection() == Projection.LINEAR) {
            out.add(new Spec(PREFIX_PROJECT_W, new long[] {d, d}, Role.LINEAR));
            out.add(new Spec(PREFIX_PROJECT_B, new long[] {d}, Role.BIAS));
        }
        out.add(new Spec(PREFIX_NORM_W, new long[] {d}, Role.NORM_WEIGHT));
        out.add(new Spec(PREFIX_NORM_B, new long[] {d}, Role.BIAS));
        return out;
    }

    private static void mambaLayout(int i, ZonosConfig cfg, java.util.List<Spec> out) {
        int dm = cfg.backbone().dModel();
        SsmConfig ssm = cfg.backbone().ssm();
        long d = dm;
        long heads = ssm.nheads(dm);
        out.add(new Spec(layer(i, NORM_W), new long[] {d}, Role.NORM_WEIGHT));
        out.add(new Spec(layer(i, NORM_B), new long[] {d}, Role.BIAS));
        out.add(new Spec(layer(i, IN_PROJ), new long[] {ssm.dInProj(dm), d}, Role.LINEAR));
        out.add(new Spec(layer(i, CONV_W), new long[] {ssm.convDim(dm), 1, ssm.dConv()}, Role.CONV));
        out.add(new Spec(layer(i, CONV_B), new long[] {ssm.convDim(dm)}, Role.BIAS));
        out.add(new Spec(layer(i, DT_BIAS), new long[] {heads}, Role.SSM));
        out.add(new Spec(layer(i, A_LOG), new long[] {heads}, Role.SSM));
        out.add(new Spec(layer(i, SKIP_D), new long[] {heads}, Role.SSM));
        out.add(new Spec(layer(i, GATE_NORM_W), new long[] {ssm.dInner(dm)}, Role.NORM_WEIGHT));
        out.add(new Spec(layer(i, OUT_PROJ), new long[] {d, ssm.dInner(dm)}, Role.LINEAR));
    }

    private MambaBlock mamba(int i, ZonosConfig cfg, Storage storage, Kernels kernels) {
        int d = cfg.backbone().dModel();
        SsmConfig ssm = cfg.backbone().ssm();
        int heads = ssm.nheads(d);
        int inner = ssm.dInner(d);
        return new MambaBlock(vector(layer(i, NORM_W), d), vector(layer(i, NORM_B), d),
                kernels.prepare(matrix(layer(i, IN_PROJ), ssm.dInProj(d), d, storage)),
                vector(layer(i, CONV_W), ssm.convDim(d), 1, ssm.dConv()), vector(layer(i, CONV_B), ssm.convDim(d)),
                vector(layer(i, DT_BIAS), heads), vector(layer(i, A_LOG), heads), vector(layer(i, SKIP_D), heads),
                vector(layer(i, GATE_NORM_W), inner), kernels.prepare(matrix(layer(i, OUT_PROJ), d, inner, storage)));
    }

    private ZonosWeights(SafeTensors file, ZonosConfig cfg, Storage storage, Kernels kernels) {
        this.file = file;
        var bb = cfg.backbone();
        int d = bb.dModel();
        int hd = bb.headDim();
        int heads = bb.attnCfg().numHeads();
        int kvHeads = bb.attnCfg().numHeadsKv();
        int inter = bb.mlpHidden();

        blocks = new Block[bb.nLayer()];
        mambaBlocks = new MambaBlock[bb.nLayer()];
        for (int i = 0; i < blocks.length; i++) {
            if (!bb.isAttention(i)) {
                mambaBlocks[i] = mamba(i, cfg, storage, kernels);
                continue;
            }
            blocks[i] = new Block(
                    vector(layer(i, NORM_W), d), vector(layer(i, NORM_B), d),
                    kernels.prepare(matrix(layer(i, IN_PROJ), (heads + 2 * kvHeads) * hd, d, storage)),
                    kernels.prepare(matrix(layer(i, OUT_PROJ), d, heads * hd, storage)),
                    vector(layer(i, NORM2_W), d), vector(layer(i, NORM2_B), d),
                    kernels.prepare(matrix(layer(i, FC1), 2 * inter, d, storage)),
                    kernels.prepare(matrix(layer(i, FC2), d, inter, storage)));
        }
        normFWeight = vector(NORM_F_W, d);
        normFBias = vector(NORM_F_B, d);

        embeddings = new WeightMatrix[ZonosConfig.CODEBOOKS];
        this.heads = new WeightMatrix[ZonosConfig.CODEBOOKS];
        for (int k = 0; k < ZonosConfig.CODEBOOKS; k++) {
            embeddings[k] = matrix(embedding(k), cfg.embeddingRows(), d, Storage.BF16);
            this.heads[k] = kernels.prepare(matrix(head(k), cfg.headRows(), d, storage));
        }

        var pc = cfg.prefixConditioner();
        conditioners = new Conditioner[pc.conditioners().size()];
        for (int i = 0; i < conditioners.length; i++) {
            conditioners[i] = conditioner(i, pc.conditioners().get(i), d, storage);
        }
        if (pc.projection() == Projection.LINEAR) {
            prefixProject = matrix(PREFIX_PROJECT_W, d, d, storage);
            prefixProjectBias = vector(PREFIX_PROJECT_B, d);
        } else {
            prefixProject = null;
            prefixProjectBias = null;
        }
        prefixNormWeight = vector(PREFIX_NORM_W, d);
        prefixNormBias = vector(PREFIX_NORM_B, d);

        Set<String> extra = new TreeSet<>(file.keys());
        extra.removeAll(used);
        if (!extra.isEmpty()) {
            throw new WeightsException(file.file() + ": unexpected tensors for this config.json (" + extra.size()
                    + "): " + String.join(", ", extra.stream().limit(8).toList()) + (extra.size() > 8 ? ", ..." : ""));
        }
    }

    /** Loads every tensor; the backbone's and heads' matrices are {@link Kernels#prepare prepared} for {@code kernels}. */
    static ZonosWeights load(SafeTensors file, ZonosConfig cfg, Storage storage, Kernels kernels) {
        return new ZonosWeights(file, cfg, storage, kernels);
    }

    private Conditioner conditioner(int i, ConditionerConfig c, int d, Storage storage) {
        WeightMatrix table = null;
        float[] fourier = null;
        switch (c.type()) {
            case ESPEAK -> table = matrix(cond(i, PHONEMES), tensor(cond(i, PHONEMES)).dim(0), d,
                    Storage.BF16);
            case INTEGER -> table = matrix(cond(i, INT_TABLE), (int) (c.maxVal() - c.minVal()) + 1, d, Storage.BF16);
            case FOURIER -> {
                if (d % 2 != 0) {
                    throw new WeightsException("Fourier conditioner '" + c.name() + "' needs an even d_model, got " + d);
                }
                fourier = vector(cond(i, FOURIER), d / 2, c.inputDim());
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
            project = matrix(cond(i, PROJECT_W), d, inDim, storage);
            projectBias = vector(cond(i, PROJECT_B), d);
        }
        float[] uncond = c.learnedUncond() ? vector(cond(i, UNCOND), d) : null;
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
            if (b != null) {
                n += b.inProj.bytes() + b.outProj.bytes() + b.fc1.bytes() + b.fc2.bytes();
            }
        }
        for (MambaBlock b : mambaBlocks) {
            if (b != null) {
                n += b.inProj.bytes() + b.outProj.bytes();
            }
        }
        for (WeightMatrix h : heads) {
            n += h.bytes();
        }
        return n;
    }
}
