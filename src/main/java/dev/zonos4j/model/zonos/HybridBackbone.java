package dev.zonos4j.model.zonos;

import dev.zonos4j.tensor.HalfSplitRotary;
import dev.zonos4j.tensor.Kernels;
import dev.zonos4j.tensor.Parallel;
import dev.zonos4j.tensor.Rotary;
import dev.zonos4j.tensor.SsmKernels;
import dev.zonos4j.util.ZonosException;

/**
 * The hybrid backbone (mamba_ssm's blocks with fused add + LayerNorm, written as a plain residual stream):
 * <pre>
 * Mamba2 block:    x += Mamba2(LN(x))
 * attention block: x += MHA(LN(x));  x += fc2(y * silu(gate)) with [y | gate] = fc1(LN2(x))
 * output:          LN_f(x)
 * Mamba2(u): [z | xBC | dt] = in_proj(u); xBC = silu(causal depthwise conv(xBC)); per head h
 *            s = exp(dt_h A_h) s + dt_h x_h B^T, y_h = s C + D_h x_h (dt_h = softplus(dt + dt_bias), A = -exp(A_log));
 *            out_proj(RMSNorm_group(y * silu(z)) * w)
 * </pre>
 * Matmuls run over all rows at once; the conv and the recurrence run per row against the row's own state,
 * a stream's rows in position order (the sequential recurrence, upstream's reference), streams and SSM heads
 * in parallel.
 */
final class HybridBackbone implements BackbonePass {
    private final ZonosWeights.Block[] blocks;
    private final ZonosWeights.MambaBlock[] mamba;
    private final float[][] a; // [n_layer][H]: A = -exp(A_log)
    private final float[][] convWeight; // [n_layer][d_conv][conv_dim]: taps first, so lanes run across channels
    private final int[] kvSlot; // [n_layer]: layer's index in the KV cache, -1 for Mamba2 layers
    private final float[] normFWeight;
    private final float[] normFBias;
    private final Kernels kernels;
    private final SsmKernels ssmKernels;
    private final Rotary rotary;
    private final boolean interleaved;
    private final int d;
    private final int heads;
    private final int kvHeads;
    private final int hd;
    private final int rotaryDim;
    private final int qkvDim;
    private final int hidden;
    private final float eps;
    private final int inner;
    private final int convDim;
    private final int dConv;
    private final int inProjDim;
    private final int ssmHeads;
    private final int headdim;
    private final int dState;
    private final int ngroups;
    private int capacity;

    private float[] zxbcdt; // [R, inProjDim]
    private float[] xbc; // [R, convDim] after conv + silu
    private float[] dt; // [R, ssmHeads] softplus(dt + dt_bias)
    private float[] decay; // [R, ssmHeads] exp(dt A)
    private float[] y; // [R, inner] scan output
    private float[] gatedNorm; // [R, inner]
    private float[] fc1; // [R, 2 hidden]
    private float[] gated; // [R, hidden]
    private int[] runStart; // [R + 1]: rows [runStart[i], runStart[i + 1]) share one state

    HybridBackbone(ZonosWeights w, ZonosConfig cfg, Kernels kernels, SsmKernels ssmKernels) {
        var bb = cfg.backbone();
        SsmConfig ssm = bb.ssm();
        this.blocks = w.blocks;
        this.mamba = w.mambaBlocks;
        this.normFWeight = w.normFWeight;
        this.normFBias = w.normFBias;
        this.kernels = kernels;
        this.ssmKernels = ssmKernels;
        this.d = bb.dModel();
        this.heads = bb.attnCfg().numHeads();
        this.kvHeads = bb.attnCfg().numHeadsKv();
        this.hd = bb.headDim();
        this.rotaryDim = bb.attnCfg().rotaryEmbDim();
        this.interleaved = bb.attnCfg().rotaryEmbInterleaved();
        if (interleaved && rotaryDim != hd) {
            throw new ZonosException("config: interleaved rotary over " + rotaryDim + " of " + hd
                    + " head channels is not supported (rotary_emb_dim must equal the head width)");
        }
        this.qkvDim = (heads + 2 * kvHeads) * hd;
        this.hidden = bb.mlpHidden();
        this.eps = bb.normEpsilon();
        this.inner = ssm.dInner(d);
        this.convDim = ssm.convDim(d);
        this.dConv = ssm.dConv();
        this.inProjDim = ssm.dInProj(d);
        this.ssmHeads = ssm.nheads(d);
        this.headdim = ssm.headdim();
        this.dState = ssm.dState();
        this.ngroups = ssm.ngroups();
        this.rotary = new Rotary(rotaryDim);
        int n = bb.nLayer();
        this.a = new float[n][];
        this.convWeight = new float[n][];
        this.kvSlot = new int[n];
        for (int i = 0; i < n; i++) {
            kvSlot[i] = bb.kvSlot(i);
            if (kvSlot[i] < 0) {
                convWeight[i] = new float[dConv * convDim];
                for (int c = 0; c < convDim; c++) {
                    for (int t = 0; t < dConv; t++) {
                        convWeight[i][t * convDim + c] = mamba[i].convWeight()[c * dConv + t];
                    }
                }
                a[i] = new float[ssmHeads];
                for (int h = 0; h < ssmHeads; h++) {
                    a[i][h] = (float) -Math.exp(mamba[i].aLog()[h]);
                }
            }
        }
        ensure(2);
    }

    @Override
    public void forward(Workspace ws, int rows, ActivationProbe probe) {
        ensure(rows);
        int half = rotaryDim / 2;
        int csStride = hd / 2;
        int runs = 0;
        for (int r = 0; r < rows; r++) {
            ws.kv[r].ensure(ws.pos[r] + 1);
            rotary.angles(ws.pos[r], ws.cos, ws.sin, r * csStride);
            if (r == 0 || ws.ssm[r] != ws.ssm[r - 1]) {
                runStart[runs++] = r;
            }
        }
        runStart[runs] = rows;
        if (probe != null) {
            capture(probe, "backbone_input", ws, ws.x, rows, d);
        }
        for (int layer = 0; layer < mamba.length; layer++) {
            if (kvSlot[layer] >= 0) {
                attentionBlock(ws, rows, layer, half, csStride);
            } else {
                mambaBlock(ws, rows, runs, layer, probe);
            }
            if (probe != null) {
                capture(probe, "layer_" + layer + "_output", ws, ws.x, rows, d);
            }
        }
        kernels.layerNorm(ws.x, ws.xn, rows, normFWeight, normFBias, eps);
        if (probe != null) {
            capture(probe, "backbone_output", ws, ws.xn, rows, d);
        }
    }

    private void attentionBlock(Workspace ws, int rows, int layer, int half, int csStride) {
        ZonosWeights.Block b = blocks[layer];
        int slot = kvSlot[layer];
        kernels.layerNorm(ws.x, ws.xn, rows, b.normWeight(), b.normBias(), eps);
        kernels.matmul(b.inProj(), ws.xn, rows, ws.qkv);
        for (int r = 0; r < rows; r++) {
            int q = r * qkvDim;
            if (interleaved) {
                kernels.rotary(ws.qkv, q, heads + kvHeads, hd, ws.cos, ws.sin, r * csStride);
            } else {
                // the hybrid's MHA: flash-attn rotary with interleaved=False pairs channel j with j + r/2
                HalfSplitRotary.apply(ws.qkv, q, heads + kvHeads, hd, rotaryDim, ws.cos, ws.sin, r * csStride);
            }
            int kOff = q + heads * hd;
            ws.kv[r].putKey(slot, ws.pos[r], ws.qkv, kOff);
            ws.kv[r].putValue(slot, ws.pos[r], ws.qkv, kOff + kvHeads * hd);
        }
        int attDim = heads * hd;
        Parallel.forRange(rows, 1, (from, to) -> {
            for (int r = from; r < to; r++) {
                kernels.attention(ws.qkv, r * qkvDim, ws.kv[r], slot, ws.pos[r] + 1, heads, kvHeads, hd, ws.att, r * attDim);
            }
        });
        kernels.matmul(b.outProj(), ws.att, rows, ws.tmp);
        add(ws.x, ws.tmp, rows * d);

        kernels.layerNorm(ws.x, ws.xn, rows, b.norm2Weight(), b.norm2Bias(), eps);
        kernels.matmul(b.fc1(), ws.xn, rows, fc1);
        kernels.siluGate(fc1, rows, hidden, gated);
        kernels.matmul(b.fc2(), gated, rows, ws.tmp);
        add(ws.x, ws.tmp, rows * d);
    }

    private void mambaBlock(Workspace ws, int rows, int runs, int layer, ActivationProbe probe) {
        ZonosWeights.MambaBlock b = mamba[layer];
        kernels.layerNorm(ws.x, ws.xn, rows, b.normWeight(), b.normBias(), eps);
        kernels.matmul(b.inProj(), ws.xn, rows, zxbcdt);
        // conv and dt per row in position order (one task per stream), then the recurrence, whose heads are
        // independent (one task per stream and head), then the gated norm per row: the same operations in the
        // same order as one row at a time, with the parallelism of a prefill's many heads
        Parallel.forRange(runs, 1, (from, to) -> {
            for (int run = from; run < to; run++) {
                MambaState state = ws.ssm[runStart[run]];
                for (int r = runStart[run]; r < runStart[run + 1]; r++) {
                    convAndDt(state, layer, r);
                }
            }
        });
        Parallel.forRange(runs * ssmHeads, 1, (from, to) -> {
            for (int i = from; i < to; i++) {
                int run = i / ssmHeads;
                MambaState state = ws.ssm[runStart[run]];
                for (int r = runStart[run]; r < runStart[run + 1]; r++) {
                    scan(state, layer, r, i % ssmHeads);
                }
            }
        });
        Parallel.forRange(rows, 1, (from, to) -> {
            for (int r = from; r < to; r++) {
                ssmKernels.gatedRmsNorm(y, r * inner, zxbcdt, r * inProjDim, b.gateNormWeight(), inner, inner / ngroups,
                        SsmConfig.GATED_NORM_EPS, gatedNorm, r * inner);
            }
        });
        if (probe != null) {
            capture(probe, "layer_" + layer + "_mamba_xBC_conv", ws, xbc, rows, convDim);
            capture(probe, "layer_" + layer + "_mamba_dt", ws, dt, rows, ssmHeads);
            capture(probe, "layer_" + layer + "_mamba_y", ws, y, rows, inner);
            capture(probe, "layer_" + layer + "_mamba_gated_norm", ws, gatedNorm, rows, inner);
        }
        kernels.matmul(b.outProj(), gatedNorm, rows, ws.tmp);
        add(ws.x, ws.tmp, rows * d);
    }

    /** Conv step of one row ([z | x | B | C | dt] order), then dt = softplus(dt + dt_bias) and exp(dt A) per head. */
    private void convAndDt(MambaState state, int layer, int r) {
        ZonosWeights.MambaBlock b = mamba[layer];
        int in = r * inProjDim;
        ssmKernels.convStep(state.conv(layer), 0, zxbcdt, in + inner, convWeight[layer], b.convBias(), convDim, dConv,
                xbc, r * convDim);
        for (int h = 0; h < ssmHeads; h++) {
            float step = SsmKernels.softplus(zxbcdt[in + inner + convDim + h] + b.dtBias()[h]);
            dt[r * ssmHeads + h] = step;
            decay[r * ssmHeads + h] = (float) Math.exp(step * a[layer][h]);
        }
    }

    /** Recurrence step of head h for one row: head h reads B and C of group h / (heads / ngroups). */
    private void scan(MambaState state, int layer, int r, int h) {
        int c = r * convDim;
        int g = h / (ssmHeads / ngroups);
        int bOff = c + inner + g * dState;
        int cOff = c + inner + ngroups * dState + g * dState;
        int at = r * ssmHeads + h;
        ssmKernels.scanStep(state.ssm(layer), h * headdim * dState, xbc, c + h * headdim, xbc, bOff, cOff, dt[at],
                decay[at], mamba[layer].d()[h], headdim, dState, y, r * inner + h * headdim);
    }

    private void ensure(int rows) {
        if (rows <= capacity) {
            return;
        }
        int n = Math.max(rows, capacity * 2);
        zxbcdt = new float[n * inProjDim];
        xbc = new float[n * convDim];
        dt = new float[n * ssmHeads];
        decay = new float[n * ssmHeads];
        y = new float[n * inner];
        gatedNorm = new float[n * inner];
        fc1 = new float[n * 2 * hidden];
        gated = new float[n * hidden];
        runStart = new int[n + 1];
        capacity = n;
    }

    private static void capture(ActivationProbe probe, String name, Workspace ws, float[] x, int rows, int width) {
        for (int r = 0; r < rows; r++) {
            probe.capture(name, ws.stream[r], ws.pos[r], x, r * width);
        }
    }

    private static void add(float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            x[i] += y[i];
        }
    }
}
