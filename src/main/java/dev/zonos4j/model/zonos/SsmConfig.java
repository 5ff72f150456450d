package dev.zonos4j.model.zonos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zonos4j.util.ZonosException;
import java.util.Iterator;
import java.util.Set;

/**
 * {@code backbone.ssm_cfg} of the hybrid model: mamba_ssm's {@code Mamba2} constructor arguments, with its
 * defaults for absent keys (the published file holds only {@code {"layer": "Mamba2"}}). Arguments that only
 * change initialisation (dt_min, A_init_range, ...) are accepted and ignored; arguments that change the math
 * must keep the value the hybrid was trained with, so a config we cannot run names the key.
 *
 * @param dState    d_state, the SSM state width per head channel (N)
 * @param dConv     d_conv, the causal depthwise conv width
 * @param expand    d_inner = expand * d_model
 * @param headdim   channels per SSM head (P)
 * @param ngroups   groups sharing B and C
 * @param chunkSize upstream's scan chunk (our sequential scan does not depend on it)
 */
public record SsmConfig(int dState, int dConv, int expand, int headdim, int ngroups, int chunkSize) {

    private static final Set<String> KNOWN = Set.of("layer", "d_state", "d_conv", "expand", "headdim", "d_ssm",
            "ngroups", "D_has_hdim", "rmsnorm", "norm_before_gate", "dt_limit", "bias", "conv_bias", "conv_init",
            "A_init_range", "dt_min", "dt_max", "dt_init_floor", "use_mem_eff_path", "chunk_size", "layer_idx",
            "process_group", "sequence_parallel");

    /** mamba_ssm's group-norm epsilon in Mamba2 (fixed, not norm_epsilon). */
    public static final float GATED_NORM_EPS = 1e-5f;

    public SsmConfig {
        if (dState < 1 || dConv < 1 || expand < 1 || headdim < 1 || ngroups < 1 || chunkSize < 1) {
            throw new ZonosException("config: backbone.ssm_cfg: d_state, d_conv, expand, headdim, ngroups and chunk_size"
                    + " must be positive, got " + dState + ", " + dConv + ", " + expand + ", " + headdim + ", " + ngroups
                    + ", " + chunkSize);
        }
    }

    /** d_inner = expand * d_model. */
    public int dInner(int dModel) {
        return expand * dModel;
    }

    /** SSM heads: d_inner / headdim. */
    public int nheads(int dModel) {
        return dInner(dModel) / headdim;
    }

    /** Channels of the conv: x | B | C. */
    public int convDim(int dModel) {
        return dInner(dModel) + 2 * ngroups * dState;
    }

    /** Output width of in_proj: z | x | B | C | dt. */
    public int dInProj(int dModel) {
        return 2 * dInner(dModel) + 2 * ngroups * dState + nheads(dModel);
    }

    /** Checks the sizes against d_model (called by the backbone config). */
    void check(int dModel) {
        int inner = dInner(dModel);
        if (inner % headdim != 0) {
            throw new ZonosException("config: backbone.ssm_cfg: d_inner = expand * d_model = " + inner
                    + " must be a multiple of headdim " + headdim);
        }
        if (nheads(dModel) % ngroups != 0 || inner % ngroups != 0) {
            throw new ZonosException("config: backbone.ssm_cfg: " + nheads(dModel) + " SSM heads and d_inner " + inner
                    + " must split into ngroups " + ngroups);
        }
    }

    /** Floats of one Mamba2 layer's decode state per row: conv_state + ssm_state. */
    public long stateFloats(int dModel) {
        return (long) convDim(dModel) * dConv + (long) nheads(dModel) * headdim * dState;
    }

    /** Parses a non-empty {@code ssm_cfg} object. */
    static SsmConfig parse(JsonNode s) {
        String where = "backbone.ssm_cfg";
        for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KNOWN.contains(k)) {
                throw new ZonosException(where + ": unknown key '" + k + "' (Mamba2 accepts " + KNOWN + ")");
            }
        }
        String layer = s.path("layer").asText("Mamba1");
        if (!layer.equals("Mamba2")) {
            throw new ZonosException(where + ".layer: '" + layer + "' is not supported (the Zonos hybrid uses Mamba2)");
        }
        if (s.has("d_ssm") && !s.get("d_ssm").isNull()) {
            throw new ZonosException(where + ".d_ssm: only the default (null: the whole d_inner is SSM) is supported, got "
                    + s.get("d_ssm"));
        }
        requireDefault(s, "D_has_hdim", false);
        requireDefault(s, "rmsnorm", true);
        requireDefault(s, "norm_before_gate", false);
        requireDefault(s, "bias", false);
        requireDefault(s, "conv_bias", true);
        if (s.has("dt_limit")) {
            JsonNode l = s.get("dt_limit");
            boolean unlimited = l.isArray() && l.size() == 2 && l.get(0).asDouble(-1) == 0
                    && (l.get(1).isTextual() ? l.get(1).asText().equalsIgnoreCase("infinity") : Double.isInfinite(l.get(1).asDouble()));
            if (!unlimited) {
                throw new ZonosException(where + ".dt_limit: only the default (0, inf) is supported, got " + l);
            }
        }
        return new SsmConfig(s.path("d_state").asInt(128), s.path("d_conv").asInt(4), s.path("expand").asInt(2),
                s.path("headdim").asInt(64), s.path("ngroups").asInt(1), s.path("chunk_size").asInt(256));
    }

    private static void requireDefault(JsonNode s, String key, boolean value) {
        if (s.has(key) && s.get(key).asBoolean(!value) != value) {
            throw new ZonosException("backbone.ssm_cfg." + key + ": only " + value + " is supported (the Zonos hybrid's "
                    + "value), got " + s.get(key));
        }
    }
}
