package dev.zonos4j.model.zonos;

/**
 * Receives named activations of a backbone pass, one row at a time (debugging and golden checks; the engine
 * passes none). Names: {@code backbone_input}, {@code layer_<i>_output} (residual stream after block i),
 * {@code backbone_output} (after norm_f).
 */
@FunctionalInterface
public interface ActivationProbe {
    /** Row of stream {@code stream} (0 = cond, 1 = uncond) at {@code position}: {@code x[offset .. offset + d)}. */
    void capture(String name, int stream, int position, float[] x, int offset);
}
