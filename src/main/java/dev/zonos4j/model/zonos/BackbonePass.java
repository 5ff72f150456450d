package dev.zonos4j.model.zonos;

/**
 * A backbone over a set of independent rows: row r is one token of one stream at position {@code ws.pos[r]},
 * with its own caches ({@code ws.kv[r]}, and {@code ws.ssm[r]} for the hybrid). Rows of one stream come in
 * position order. Leaves norm_f(x) in {@code ws.xn}. {@link Backbone} is the transformer,
 * {@link HybridBackbone} the Mamba2 + attention hybrid; the config chooses.
 */
interface BackbonePass {
    void forward(Workspace ws, int rows, ActivationProbe probe);
}
