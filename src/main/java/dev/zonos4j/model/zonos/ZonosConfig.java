package dev.zonos4j.model.zonos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zonos4j.util.Json;
import dev.zonos4j.util.ZonosException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A Zonos {@code config.json}, every field of the published transformer config. Parsing is as strict as
 * upstream's {@code ZonosConfig.from_dict}: unknown top-level or backbone keys are errors. Both published
 * backbones parse: the transformer, and the hybrid (Mamba2 + attention, a non-empty {@code ssm_cfg}).
 *
 * @param padVocabToMultipleOf upstream pads the heads on load by {@code rows % multiple} zero rows
 *        (1025 -> 1026); 0 disables it. Absent from the published file, default 8.
 */
public record ZonosConfig(BackboneConfig backbone, PrefixConditionerConfig prefixConditioner, int eosTokenId,
        int maskedTokenId, int padVocabToMultipleOf) {

    /** Codebooks of the DAC 44.1 kHz codec the model predicts (fixed by upstream's autoencoder). */
    public static final int CODEBOOKS = 9;

    public ZonosConfig {
        if (eosTokenId < 1 || maskedTokenId <= eosTokenId) {
            throw new ZonosException("config: eos_token_id " + eosTokenId + " and masked_token_id " + maskedTokenId
                    + " must satisfy 0 < eos < mask");
        }
        if (padVocabToMultipleOf < 0) {
            throw new ZonosException("config: pad_vocab_to_multiple_of must be >= 0, got " + padVocabToMultipleOf);
        }
    }

    /** Outputs of each head as stored: the codes and EOS. */
    public int headRows() {
        return eosTokenId + 1;
    }

    /** Rows of each code embedding: the codes, EOS and MASK. */
    public int embeddingRows() {
        return maskedTokenId + 1;
    }

    /** Logits width after upstream's vocab padding (1026 for the real model); columns >= headRows are -inf. */
    public int logitsWidth() {
        int rows = headRows();
        return padVocabToMultipleOf == 0 || rows % padVocabToMultipleOf == 0 ? rows : rows + rows % padVocabToMultipleOf;
    }

    /**
     * The backbone: the transformer (every layer attention, {@code ssm} null) or the hybrid (Mamba2 layers with
     * attention at {@code attnLayerIdx}, {@code ssm} from {@code ssm_cfg}).
     */
    public record BackboneConfig(int dModel, int dIntermediate, int attnMlpDIntermediate, int nLayer,
            SsmConfig ssm, List<Integer> attnLayerIdx, AttentionConfig attnCfg, boolean rmsNorm,
            boolean residualInFp32, float normEpsilon) {

        public BackboneConfig {
            attnLayerIdx = List.copyOf(attnLayerIdx);
            if (dModel <= 0 || nLayer <= 0 || attnMlpDIntermediate <= 0) {
                throw new ZonosException("config: d_model, n_layer and attn_mlp_d_intermediate must be positive, got "
                        + dModel + ", " + nLayer + ", " + attnMlpDIntermediate);
            }
            if (ssm == null) {
                for (int i = 0; i < nLayer; i++) {
                    if (attnLayerIdx.size() != nLayer || attnLayerIdx.get(i) != i) {
                        throw new ZonosException("config: backbone.attn_layer_idx " + attnLayerIdx + " with an empty ssm_cfg"
                                + " mixes the two backbones: the transformer needs every layer 0.." + (nLayer - 1)
                                + " listed, the hybrid needs ssm_cfg {\"layer\": \"Mamba2\"}");
                    }
                }
            } else {
                ssm.check(dModel);
                for (int i = 0; i < attnLayerIdx.size(); i++) {
                    int a = attnLayerIdx.get(i);
                    if (a < 0 || a >= nLayer || (i > 0 && a <= attnLayerIdx.get(i - 1))) {
                        throw new ZonosException("config: backbone.attn_layer_idx " + attnLayerIdx
                                + " must list increasing layers in 0.." + (nLayer - 1));
                    }
                }
                if (attnLayerIdx.size() == nLayer) {
                    throw new ZonosException("config: backbone.ssm_cfg is set but attn_layer_idx lists every layer: "
                            + "a config mixing the two backbones (no layer would be Mamba2)");
                }
                if (dIntermediate != 0) {
                    throw new ZonosException("config: backbone.d_intermediate must be 0 for the hybrid (its Mamba2 blocks"
                            + " have no MLP), got " + dIntermediate);
                }
                if (attnCfg.rotaryEmbDim() <= 0 || attnCfg.rotaryEmbDim() % 2 != 0
                        || attnCfg.rotaryEmbDim() > dModel / attnCfg.numHeads()) {
                    throw new ZonosException("config: backbone.attn_cfg.rotary_emb_dim " + attnCfg.rotaryEmbDim()
                            + " must be even and within the head width " + dModel / attnCfg.numHeads());
                }
            }
            if (dModel % attnCfg.numHeads() != 0 || (dModel / attnCfg.numHeads()) % 2 != 0) {
                throw new ZonosException("config: d_model " + dModel + " must split into " + attnCfg.numHeads()
                        + " heads of even width");
            }
            if (rmsNorm) {
                throw new ZonosException("config: rms_norm=true is not supported (both Zonos backbones use LayerNorm)");
            }
            if (!(normEpsilon > 0)) {
                throw new ZonosException("config: norm_epsilon must be positive, got " + normEpsilon);
            }
        }

        public int headDim() {
            return dModel / attnCfg.numHeads();
        }

        /** True for the hybrid (Mamba2 + attention) backbone. */
        public boolean hybrid() {
            return ssm != null;
        }

        /** Whether layer i is an attention block (every layer of the transformer). */
        public boolean isAttention(int layer) {
            return ssm == null || attnLayerIdx.contains(layer);
        }

        /** Layer i's index among the KV-cached (attention) layers, -1 for a Mamba2 layer. */
        public int kvSlot(int layer) {
            return ssm == null ? layer : attnLayerIdx.indexOf(layer);
        }

        /** Layers that hold a KV cache. */
        public int attentionLayers() {
            return ssm == null ? nLayer : attnLayerIdx.size();
        }

        /**
         * Hidden width of the attention blocks' gated MLP: the transformer uses attn_mlp_d_intermediate as is;
         * mamba_ssm's GatedMLP rounds it up to a multiple of 128.
         */
        public int mlpHidden() {
            return ssm == null ? attnMlpDIntermediate : (attnMlpDIntermediate + 127) / 128 * 128;
        }
    }

    /**
     * {@code attn_cfg}. Upstream's torch backbone (transformer) reads num_heads and num_heads_kv, rotary on adjacent
     * pairs over the whole head. The hybrid's mamba_ssm MHA also reads rotary_emb_dim and rotary_emb_interleaved,
     * whose default there is false (GPT-NeoX halves).
     */
    public record AttentionConfig(boolean causal, int numHeads, int numHeadsKv, int rotaryEmbDim,
            boolean rotaryEmbInterleaved, boolean qkvProjBias, boolean outProjBias) {

        public AttentionConfig {
            if (numHeads <= 0 || numHeadsKv <= 0 || numHeads % numHeadsKv != 0) {
                throw new ZonosException("config: num_heads " + numHeads + " must be a positive multiple of num_heads_kv "
                        + numHeadsKv);
            }
            if (!causal || qkvProjBias || outProjBias) {
                throw new ZonosException("config: attention must be causal without projection biases (causal=" + causal
                        + ", qkv_proj_bias=" + qkvProjBias + ", out_proj_bias=" + outProjBias + ")");
            }
        }
    }

    /** {@code prefix_conditioner}: the conditioners in order, and the projection after their concatenation. */
    public record PrefixConditionerConfig(List<ConditionerConfig> conditioners, Projection projection) {
        public PrefixConditionerConfig {
            conditioners = List.copyOf(conditioners);
            if (conditioners.isEmpty()) {
                throw new ZonosException("config: prefix_conditioner has no conditioners");
            }
        }
    }

    /** Projection of a conditioner or of the whole prefix. */
    public enum Projection {
        NONE, LINEAR
    }

    /** Conditioner kinds upstream builds from {@code type}. */
    public enum ConditionerType {
        ESPEAK("EspeakPhonemeConditioner"), PASSTHROUGH("PassthroughConditioner"), FOURIER("FourierConditioner"),
        INTEGER("IntegerConditioner");

        private final String jsonName;

        ConditionerType(String jsonName) {
            this.jsonName = jsonName;
        }
    }

    /**
     * One conditioner entry, with upstream's defaults for absent keys (cond_dim = d_model, projection none,
     * uncond_type none, Fourier input_dim 1 range [0, 1], Integer range [0, 512]).
     */
    public record ConditionerConfig(ConditionerType type, String name, int condDim, Projection projection,
            boolean learnedUncond, int inputDim, double minVal, double maxVal) {
        public ConditionerConfig {
            if (maxVal <= minVal) {
                throw new ZonosException("config: conditioner '" + name + "' has max_val " + maxVal + " <= min_val " + minVal);
            }
        }
    }

    public static ZonosConfig read(Path file) {
        try {
            return parse(Json.read(file));
        } catch (ZonosException e) {
            throw new ZonosException(file + ": " + e.getMessage(), e);
        }
    }

    public static ZonosConfig parse(JsonNode root) {
        requireObject(root, "config");
        checkKeys(root, "config", Set.of("backbone", "prefix_conditioner", "eos_token_id", "masked_token_id",
                "pad_vocab_to_multiple_of"));
        BackboneConfig backbone = backbone(field(root, "backbone", "config"));
        JsonNode pc = field(root, "prefix_conditioner", "config");
        requireObject(pc, "prefix_conditioner");
        checkKeys(pc, "prefix_conditioner", Set.of("conditioners", "projection"));
        List<ConditionerConfig> conds = new ArrayList<>();
        JsonNode list = field(pc, "conditioners", "prefix_conditioner");
        if (!list.isArray()) {
            throw new ZonosException("prefix_conditioner.conditioners must be a list");
        }
        for (JsonNode c : list) {
            conds.add(conditioner(c, backbone.dModel()));
        }
        Projection projection = projection(pc.path("projection").asText("none"), "prefix_conditioner");
        return new ZonosConfig(backbone, new PrefixConditionerConfig(conds, projection),
                root.path("eos_token_id").asInt(1024), root.path("masked_token_id").asInt(1025),
                root.path("pad_vocab_to_multiple_of").asInt(8));
    }

    private static BackboneConfig backbone(JsonNode b) {
        requireObject(b, "backbone");
        checkKeys(b, "backbone", Set.of("d_model", "d_intermediate", "attn_mlp_d_intermediate", "n_layer", "ssm_cfg",
                "attn_layer_idx", "attn_cfg", "rms_norm", "residual_in_fp32", "norm_epsilon"));
        int nLayer = b.path("n_layer").asInt(16);
        JsonNode ssmNode = b.path("ssm_cfg");
        if (!ssmNode.isMissingNode() && !ssmNode.isNull() && !ssmNode.isObject()) {
            throw new ZonosException("backbone.ssm_cfg must be an object, got " + ssmNode);
        }
        SsmConfig ssm = ssmNode.isObject() && ssmNode.size() > 0 ? SsmConfig.parse(ssmNode) : null;
        List<Integer> attnIdx = new ArrayList<>();
        b.path("attn_layer_idx").forEach(n -> attnIdx.add(n.asInt()));
        JsonNode a = b.path("attn_cfg");
        AttentionConfig attn = new AttentionConfig(a.path("causal").asBoolean(true), a.path("num_heads").asInt(0),
                a.path("num_heads_kv").asInt(a.path("num_heads").asInt(0)), a.path("rotary_emb_dim").asInt(0),
                a.path("rotary_emb_interleaved").asBoolean(ssm == null), a.path("qkv_proj_bias").asBoolean(false),
                a.path("out_proj_bias").asBoolean(false));
        return new BackboneConfig(b.path("d_model").asInt(1024), b.path("d_intermediate").asInt(0),
                b.path("attn_mlp_d_intermediate").asInt(0), nLayer, ssm, attnIdx, attn,
                b.path("rms_norm").asBoolean(false), b.path("residual_in_fp32").asBoolean(false),
                (float) b.path("norm_epsilon").asDouble(1e-5));
    }

    private static ConditionerConfig conditioner(JsonNode c, int dModel) {
        String name = c.path("name").asText("");
        String where = "conditioner '" + name + "'";
        String typeName = c.path("type").asText("");
        ConditionerType type = null;
        for (ConditionerType t : ConditionerType.values()) {
            if (t.jsonName.equals(typeName)) {
                type = t;
            }
        }
        if (type == null || name.isEmpty()) {
            throw new ZonosException("config: " + where + " has unknown type '" + typeName + "' (known: "
                    + "EspeakPhonemeConditioner, PassthroughConditioner, FourierConditioner, IntegerConditioner)");
        }
        String uncond = c.path("uncond_type").asText("none");
        if (!uncond.equals("learned") && !uncond.equals("none")) {
            throw new ZonosException("config: " + where + " has uncond_type '" + uncond + "', expected learned or none");
        }
        double defMax = type == ConditionerType.INTEGER ? 512 : 1;
        return new ConditionerConfig(type, name, c.path("cond_dim").asInt(dModel),
                projection(c.path("projection").asText("none"), where), uncond.equals("learned"),
                c.path("input_dim").asInt(1), c.path("min_val").asDouble(0), c.path("max_val").asDouble(defMax));
    }

    private static Projection projection(String p, String where) {
        return switch (p) {
            case "none" -> Projection.NONE;
            case "linear" -> Projection.LINEAR;
            default -> throw new ZonosException("config: " + where + " projection '" + p
                    + "' is not supported (none or linear)");
        };
    }

    private static JsonNode field(JsonNode node, String key, String where) {
        JsonNode v = node.get(key);
        if (v == null) {
            throw new ZonosException(where + ": missing '" + key + "'");
        }
        return v;
    }

    private static void requireObject(JsonNode n, String where) {
        if (n == null || !n.isObject()) {
            throw new ZonosException(where + ": expected a JSON object");
        }
    }

    private static void checkKeys(JsonNode node, String where, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                throw new ZonosException(where + ": unknown key '" + k + "' (upstream accepts " + known + ")");
            }
        }
    }
}
