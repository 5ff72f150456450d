package dev.zonos4j.model.zonos;

/**
 * Receives named activations of a backbone pass, one row at a time (debugging and golden checks; the engine
 * passes none). Names: {@code backbone_input}, {@code layer_<i>_output} (residual stream after block i),
 * {@code backbone_output} (after norm_f); the hybrid's Mamba2 layers add {@code layer_<i>_mamba_xBC_conv}
 * (conv_dim wide), {@code layer_<i>_mamba_dt} (SSM heads), {@code layer_<i>_mamba_y} and
 * {@code layer_<i>_mamba_gated_norm} (d_inner). Rows are d_model wide unless said otherwise.
 */
@FunctionalInterface
public interface ActivationProbe {
    /** Row of stream {@code stream} (0 = cond, 1 = uncond) at {@code position}: {@code x[offset .. offset + d)}. */
    void capture(String name, int stream, int position, float[] x, int offset);
}
