package dev.zonos4j.model.zonos;

import dev.zonos4j.tensor.Kernels;
import dev.zonos4j.tensor.KvBlockTable;
import dev.zonos4j.tensor.Parallel;
import dev.zonos4j.tensor.Rotary;

/**
 * The transformer backbone over a set of independent rows: row r is one token of one stream, at position
 * {@code ws.pos[r]} with its own KV cache {@code ws.kv[r]}. Decode passes one row per stream; prefill passes
 * chunks of tokens. Every operation is per row, so a row's result does not depend on the other rows.
 *
 * <p>Per block (pre-norm): x += out_proj(attn(norm(x))); x += fc2(y * silu(gate)) with [y | gate] = fc1(norm2(x)).
 */
final class Backbone implements BackbonePass {
    private final ZonosWeights.Block[] blocks;
    private final float[] normFWeight;
    private final float[] normFBias;
    private final Kernels k;
    private final Rotary rotary;
    private final int d;
    private final int heads;
    private final int kvHeads;
    private final int hd;
    private final int qkvDim;
    private final int inter;
    private final float eps;

    Backbone(ZonosWeights w, ZonosConfig cfg, Kernels kernels) {
        var bb = cfg.backbone();
        this.blocks = w.blocks;
        this.normFWeight = w.normFWeight;
        this.normFBias = w.normFBias;
        this.k = kernels;
        this.d = bb.dModel();
        this.heads = bb.attnCfg().numHeads();
        this.kvHeads = bb.attnCfg().numHeadsKv();
        this.hd = bb.headDim();
        this.qkvDim = (heads + 2 * kvHeads) * hd;
        this.inter = bb.attnMlpDIntermediate();
        this.eps = bb.normEpsilon();
        this.rotary = new Rotary(hd);
    }

    /**
     * Runs {@code ws.x} [rows, d] through every block, writing each row's K/V at its position, and leaves
     * norm_f(x) in {@code ws.xn}. Positions [0, pos[r]] of row r's cache must be reserved.
     */
    @Override
    public void forward(Workspace ws, int rows, ActivationProbe probe) {
        int half = hd / 2;
        for (int r = 0; r < rows; r++) {
            ws.kv[r].ensure(ws.pos[r] + 1);
            rotary.angles(ws.pos[r], ws.cos, ws.sin, r * half);
        }
        if (probe != null) {
            capture(probe, "backbone_input", ws, ws.x, rows);
        }
        for (int layer = 0; layer < blocks.length; layer++) {
            ZonosWeights.Block b = blocks[layer];
            k.layerNorm(ws.x, ws.xn, rows, b.normWeight(), b.normBias(), eps);
            k.matmul(b.inProj(), ws.xn, rows, ws.qkv);
            for (int r = 0; r < rows; r++) {
                int q = r * qkvDim;
                // rotary on q and k, adjacent pairs, same angles for every head
                k.rotary(ws.qkv, q, heads + kvHeads, hd, ws.cos, ws.sin, r * half);
                store(ws.kv[r], layer, ws.pos[r], ws.qkv, q + heads * hd);
            }
            attend(ws, rows, layer);
            k.matmul(b.outProj(), ws.att, rows, ws.tmp);
            add(ws.x, ws.tmp, rows * d);

            k.layerNorm(ws.x, ws.xn, rows, b.norm2Weight(), b.norm2Bias(), eps);
            k.matmul(b.fc1(), ws.xn, rows, ws.fc1);
            k.siluGate(ws.fc1, rows, inter, ws.gated);
            k.matmul(b.fc2(), ws.gated, rows, ws.tmp);
            add(ws.x, ws.tmp, rows * d);
            if (probe != null) {
                capture(probe, "layer_" + layer + "_output", ws, ws.x, rows);
            }
        }
        k.layerNorm(ws.x, ws.xn, rows, normFWeight, normFBias, eps);
        if (probe != null) {
            capture(probe, "backbone_output", ws, ws.xn, rows);
        }
    }

    /** Copies the row's k and v (adjacent in qkv) into its cache at {@code pos}. */
    private void store(KvBlockTable kv, int layer, int pos, float[] qkv, int kOff) {
        kv.putKey(layer, pos, qkv, kOff);
        kv.putValue(layer, pos, qkv, kOff + kvHeads * hd);
    }

    private void attend(Workspace ws, int rows, int layer) {
        int attDim = heads * hd;
        Parallel.forRange(rows, 1, (from, to) -> {
            for (int r = from; r < to; r++) {
                k.attention(ws.qkv, r * qkvDim, ws.kv[r], layer, ws.pos[r] + 1, heads, kvHeads, hd, ws.att, r * attDim);
            }
        });
    }

    private void capture(ActivationProbe probe, String name, Workspace ws, float[] x, int rows) {
        for (int r = 0; r < rows; r++) {
            probe.capture(name, ws.stream[r], ws.pos[r], x, r * d);
        }
    }

    private static void add(float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            x[i] += y[i];
        }
    }
}
