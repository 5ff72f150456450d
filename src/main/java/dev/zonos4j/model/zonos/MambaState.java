package dev.zonos4j.model.zonos;

/**
 * The decode state of one row (one guidance stream of a sequence) in every Mamba2 layer of the hybrid:
 * fixed size whatever the length, always float32 (bf16 states change the codes, see the hybrid kit).
 * Fresh states are zero, as upstream's allocate_inference_cache.
 */
final class MambaState {
    private final int convDim;
    private final int dConv;
    private float[][] conv; // [n_layer] ([d_conv][conv_dim], oldest tap first) or null at attention layers
    private float[][] ssm; // [n_layer] ([heads][headdim][d_state]) or null at attention layers

    MambaState(ZonosConfig.BackboneConfig bb) {
        SsmConfig s = bb.ssm();
        int d = bb.dModel();
        this.convDim = s.convDim(d);
        this.dConv = s.dConv();
        conv = new float[bb.nLayer()][];
        ssm = new float[bb.nLayer()][];
        for (int i = 0; i < bb.nLayer(); i++) {
            if (!bb.isAttention(i)) {
                conv[i] = new float[dConv * convDim];
                ssm[i] = new float[s.nheads(d) * s.headdim() * s.dState()];
            }
        }
    }

    /** A copy of this state (a forked sequence goes on from the same point). */
    MambaState copy() {
        check();
        MambaState c = new MambaState(convDim, dConv, new float[conv.length][], new float[ssm.length][]);
        for (int i = 0; i < conv.length; i++) {
            c.conv[i] = conv[i] == null ? null : conv[i].clone();
            c.ssm[i] = ssm[i] == null ? null : ssm[i].clone();
        }
        return c;
    }

    private MambaState(int convDim, int dConv, float[][] conv, float[][] ssm) {
        this.convDim = convDim;
        this.dConv = dConv;
        this.conv = conv;
        this.ssm = ssm;
    }

    /** Bytes of one row's state: every Mamba2 layer's conv and SSM state, float32. */
    static long bytes(ZonosConfig.BackboneConfig bb) {
        int mambaLayers = bb.nLayer() - bb.attentionLayers();
        return 4L * mambaLayers * bb.ssm().stateFloats(bb.dModel());
    }

    float[] conv(int layer) {
        check();
        return conv[layer];
    }

    float[] ssm(int layer) {
        check();
        return ssm[layer];
    }

    /** Upstream's conv_state layout [conv_dim][d_conv] (oldest tap first), a copy. */
    float[] convChannelsFirst(int layer) {
        float[] s = conv(layer);
        float[] out = new float[s.length];
        for (int k = 0; k < dConv; k++) {
            for (int c = 0; c < convDim; c++) {
                out[c * dConv + k] = s[k * convDim + c];
            }
        }
        return out;
    }

    /** Drops the arrays (a finished sequence keeps its codes, not its state). */
    void release() {
        conv = null;
        ssm = null;
    }

    private void check() {
        if (conv == null) {
            throw new IllegalStateException("Mamba2 state already released");
        }
    }
}
