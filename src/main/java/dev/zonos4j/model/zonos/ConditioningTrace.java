package dev.zonos4j.model.zonos;

import java.util.Map;

/**
 * The intermediate tensors of {@link ZonosModel#prepareConditioning} (debugging and golden checks).
 *
 * @param condParts       each conditioner's output for the cond row, by name, in config order: [len, d]
 * @param condConcat      cond row, conditioner outputs concatenated along time: [L, d]
 * @param uncondConcat    uncond row concatenation: [L, d]
 * @param condProjected   cond row after the prefix projection, before the final LayerNorm: [L, d]
 * @param uncondProjected uncond row after the prefix projection: [L, d]
 * @param conditioning    the result
 */
public record ConditioningTrace(Map<String, float[]> condParts, float[] condConcat, float[] uncondConcat,
        float[] condProjected, float[] uncondProjected, Conditioning conditioning) {
}
