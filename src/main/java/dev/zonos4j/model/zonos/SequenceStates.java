package dev.zonos4j.model.zonos;

/**
 * Read-only copies of a sequence's decode state in upstream's layouts, for debugging and golden checks:
 * the hybrid's Mamba2 conv and SSM states, and the K (rotary applied) / V cache rows of attention layers.
 */
public final class SequenceStates {
    private SequenceStates() {
    }

    /** conv_state of Mamba2 layer {@code layer}, stream {@code stream}: [conv_dim][d_conv], oldest input first. */
    public static float[] conv(ZonosSequence seq, int stream, int layer) {
        return mamba(seq, stream, layer).convChannelsFirst(layer);
    }

    /** ssm_state of Mamba2 layer {@code layer}: [heads][headdim][d_state]. */
    public static float[] ssm(ZonosSequence seq, int stream, int layer) {
        return mamba(seq, stream, layer).ssm(layer).clone();
    }

    /** K rows [positions][kv heads * head dim] of attention layer {@code layer}, rotary applied. */
    public static float[] keys(ZonosSequence seq, int stream, int layer, int positions) {
        var kv = seq.kv[stream];
        int slot = slot(seq, layer);
        int dim = kv.kvDim();
        float[] out = new float[positions * dim];
        for (int p = 0; p < positions; p++) {
            for (int c = 0; c < dim; c++) {
                out[p * dim + c] = kv.key(slot, p, c);
            }
        }
        return out;
    }

    /** V rows [positions][kv heads * head dim] of attention layer {@code layer}. */
    public static float[] values(ZonosSequence seq, int stream, int layer, int positions) {
        var kv = seq.kv[stream];
        int slot = slot(seq, layer);
        int dim = kv.kvDim();
        float[] out = new float[positions * dim];
        for (int p = 0; p < positions; p++) {
            for (int c = 0; c < dim; c++) {
                out[p * dim + c] = kv.value(slot, p, c);
            }
        }
        return out;
    }

    private static int slot(ZonosSequence seq, int layer) {
        int slot = seq.model.config().backbone().kvSlot(layer);
        if (slot < 0) {
            throw new IllegalArgumentException("layer " + layer + " is a Mamba2 layer: it has no KV cache");
        }
        return slot;
    }

    private static MambaState mamba(ZonosSequence seq, int stream, int layer) {
        if (seq.ssm == null || seq.model.config().backbone().isAttention(layer)) {
            throw new IllegalArgumentException("layer " + layer + " is not a Mamba2 layer of a hybrid model");
        }
        return seq.ssm[stream];
    }
}
