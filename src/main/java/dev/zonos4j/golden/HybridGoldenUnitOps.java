package dev.zonos4j.golden;

import dev.zonos4j.golden.LmGolden.CaseFile;
import dev.zonos4j.model.zonos.SsmConfig;
import dev.zonos4j.tensor.HalfSplitRotary;
import dev.zonos4j.tensor.Kernels;
import dev.zonos4j.tensor.KvBlockTable;
import dev.zonos4j.tensor.KvPool;
import dev.zonos4j.tensor.Rotary;
import dev.zonos4j.tensor.SsmKernels;
import dev.zonos4j.weights.Tensor;

/**
 * The unit case of the hybrid kit, through the same kernels the hybrid backbone runs: causal conv (prefill as
 * steps from a zero state, then one step), the selective scan as the sequential recurrence (upstream's chunked
 * SSD must agree with it) and one more step, gated RMSNorm, add + LayerNorm, half-split rotary with per-row
 * offsets, and one KV-cache attention step with rotary applied inside.
 */
final class HybridGoldenUnitOps {
    private static final float LN_EPS = 1e-5f;

    private HybridGoldenUnitOps() {
    }

    static void run(CaseFile f, Kernels k, GoldenReport report) {
        SsmKernels ssm = SsmKernels.of(k);
        conv(f, ssm, report);
        scan(f, ssm, report);
        gatedNorm(f, ssm, report);
        layerNorm(f, k, report);
        rotary(f, report);
        attention(f, k, report);
    }

    private static void conv(CaseFile f, SsmKernels ssm, GoldenReport report) {
        Tensor xt = f.get("conv_x");
        int batch = xt.dim(0);
        int channels = xt.dim(1);
        int len = xt.dim(2);
        float[] x = xt.toFloatArray();
        Tensor wt = f.get("conv_weight");
        int width = wt.dim(1);
        float[] weight = transpose(wt.toFloatArray(), channels, width);
        float[] bias = f.floats("conv_bias");
        float[] out = new float[batch * channels * len];
        float[] states = new float[batch * width * channels];
        float[] stepX = f.floats("conv_step_x");
        float[] stepOut = new float[batch * channels];
        float[] stepStates = new float[batch * channels * width];
        float[] after = new float[batch * channels * width];
        float[] col = new float[channels];
        float[] res = new float[channels];
        for (int b = 0; b < batch; b++) {
            int s = b * width * channels;
            for (int t = 0; t < len; t++) {
                for (int c = 0; c < channels; c++) {
                    col[c] = x[(b * channels + c) * len + t];
                }
                ssm.convStep(states, s, col, 0, weight, bias, channels, width, res, 0);
                for (int c = 0; c < channels; c++) {
                    out[(b * channels + c) * len + t] = res[c];
                }
            }
            System.arraycopy(transpose(java.util.Arrays.copyOfRange(states, s, s + width * channels), width, channels), 0,
                    after, b * channels * width, channels * width);
            ssm.convStep(states, s, stepX, b * channels, weight, bias, channels, width, stepOut, b * channels);
            System.arraycopy(transpose(java.util.Arrays.copyOfRange(states, s, s + width * channels), width, channels), 0,
                    stepStates, b * channels * width, channels * width);
        }
        report.close("conv_out", f.floats("conv_out"), out, LmGolden.UNIT_TOL);
        report.close("conv_state_after", f.floats("conv_state_after"), after, LmGolden.UNIT_TOL);
        report.close("conv_step_out", f.floats("conv_step_out"), stepOut, LmGolden.UNIT_TOL);
        report.close("conv_step_state_out", f.floats("conv_step_state_out"), stepStates, LmGolden.UNIT_TOL);
    }

    /** [rows][cols] -> [cols][rows]. */
    private static float[] transpose(float[] a, int rows, int cols) {
        float[] out = new float[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = a[r * cols + c];
            }
        }
        return out;
    }

    private static void scan(CaseFile f, SsmKernels ssm, GoldenReport report) {
        Tensor xt = f.get("ssd_x");
        int batch = xt.dim(0);
        int len = xt.dim(1);
        int heads = xt.dim(2);
        int p = xt.dim(3);
        Tensor bt = f.get("ssd_B");
        int groups = bt.dim(2);
        int n = bt.dim(3);
        float[] x = xt.toFloatArray();
        float[] dt = f.floats("ssd_dt");
        float[] a = f.floats("ssd_A");
        float[] skip = f.floats("ssd_D");
        float[] dtBias = f.floats("ssd_dt_bias");
        float[] bs = bt.toFloatArray();
        float[] cs = f.floats("ssd_C");
        float[] y = new float[x.length];
        float[] state = new float[batch * heads * p * n];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < len; t++) {
                int bt0 = (b * len + t) * groups * n;
                int at = (b * len + t) * heads;
                step(ssm, state, b, x, (b * len + t) * heads * p, dt, at, a, skip, dtBias, bs, cs, bt0, heads, groups, p, n, y);
            }
        }
        report.close("ssd_y", f.floats("ssd_y"), y, LmGolden.UNIT_TOL);
        report.close("ssd_final_state", f.floats("ssd_final_state"), state.clone(), LmGolden.UNIT_TOL);
        float[] sx = f.floats("ssm_step_x");
        float[] sdt = f.floats("ssm_step_dt");
        float[] sb = f.floats("ssm_step_B");
        float[] sc = f.floats("ssm_step_C");
        float[] out = new float[batch * heads * p];
        for (int b = 0; b < batch; b++) {
            step(ssm, state, b, sx, b * heads * p, sdt, b * heads, a, skip, dtBias, sb, sc, b * groups * n, heads, groups, p, n, out);
        }
        report.close("ssm_step_out", f.floats("ssm_step_out"), out, LmGolden.UNIT_TOL);
        report.close("ssm_step_state_out", f.floats("ssm_step_state_out"), state, LmGolden.UNIT_TOL);
    }

    /** One position of batch row b, all heads: dt = softplus(dt + bias), decay = exp(dt A). */
    private static void step(SsmKernels ssm, float[] state, int b, float[] x, int xOff, float[] dt, int dtOff, float[] a,
            float[] skip, float[] dtBias, float[] bs, float[] cs, int bcOff, int heads, int groups, int p, int n, float[] y) {
        float[] bc = new float[2 * groups * n];
        System.arraycopy(bs, bcOff, bc, 0, groups * n);
        System.arraycopy(cs, bcOff, bc, groups * n, groups * n);
        for (int h = 0; h < heads; h++) {
            float step = SsmKernels.softplus(dt[dtOff + h] + dtBias[h]);
            float decay = (float) Math.exp(step * a[h]);
            int g = h / (heads / groups);
            ssm.scanStep(state, (b * heads + h) * p * n, x, xOff + h * p, bc, g * n, groups * n + g * n, step, decay,
                    skip[h], p, n, y, xOff + h * p);
        }
    }

    private static void gatedNorm(CaseFile f, SsmKernels ssm, GoldenReport report) {
        Tensor xt = f.get("gnorm_x");
        int width = xt.dim(-1);
        float[] x = xt.toFloatArray();
        float[] z = f.floats("gnorm_z");
        float[] w = f.floats("gnorm_weight");
        for (int group : new int[] {width, width / 2}) {
            float[] out = new float[x.length];
            for (int off = 0; off < x.length; off += width) {
                ssm.gatedRmsNorm(x, off, z, off, w, width, group, SsmConfig.GATED_NORM_EPS, out, off);
            }
            String name = "gnorm_out_group" + group;
            report.close(name, f.floats(name), out, LmGolden.UNIT_TOL);
        }
    }

    private static void layerNorm(CaseFile f, Kernels k, GoldenReport report) {
        Tensor xt = f.get("ln_x");
        int width = xt.dim(-1);
        float[] x = xt.toFloatArray();
        float[] res = f.floats("ln_residual");
        float[] w = f.floats("ln_weight");
        float[] bias = f.floats("ln_bias");
        int rows = x.length / width;
        float[] sum = new float[x.length];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = x[i] + res[i];
        }
        float[] out = new float[x.length];
        k.layerNorm(sum, out, rows, w, bias, LN_EPS);
        report.close("ln_residual_out", f.floats("ln_residual_out"), sum, LmGolden.UNIT_TOL);
        report.close("ln_out", f.floats("ln_out"), out, LmGolden.UNIT_TOL);
        float[] first = new float[x.length];
        k.layerNorm(x, first, rows, w, bias, LN_EPS);
        report.close("ln_out_first_block", f.floats("ln_out_first_block"), first, LmGolden.UNIT_TOL);
    }

    private static void rotary(CaseFile f, GoldenReport report) {
        Tensor ct = f.get("rope_cos");
        int positions = ct.dim(0);
        int half = ct.dim(1);
        Rotary rot = new Rotary(2 * half);
        float[] cos = new float[positions * half];
        float[] sin = new float[positions * half];
        for (int pos = 0; pos < positions; pos++) {
            rot.angles(pos, cos, sin, pos * half);
        }
        report.close("rope_cos", ct.toFloatArray(), cos, LmGolden.UNIT_TOL);
        report.close("rope_sin", f.floats("rope_sin"), sin, LmGolden.UNIT_TOL);
        Tensor xt = f.get("rope_x");
        int batch = xt.dim(0);
        int len = xt.dim(1);
        int heads = xt.dim(2);
        int hd = xt.dim(3);
        float[] x = xt.toFloatArray();
        long[] offsets = f.longs("rope_offsets");
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < len; t++) {
                int pos = (int) offsets[b] + t;
                HalfSplitRotary.apply(x, (b * len + t) * heads * hd, heads, hd, 2 * half, cos, sin, pos * half);
            }
        }
        report.close("rope_out", f.floats("rope_out"), x, LmGolden.UNIT_TOL);
    }

    /** flash_attn_with_kvcache: rotate q and the new k at the row's cache length, append k/v, attend causally. */
    private static void attention(CaseFile f, Kernels k, GoldenReport report) {
        Tensor qt = f.get("attn_q");
        int batch = qt.dim(0);
        int heads = qt.dim(2);
        int hd = qt.dim(3);
        Tensor kc = f.get("attn_k_cache_in");
        int rowsCap = kc.dim(1);
        int kvHeads = kc.dim(2);
        int kvDim = kvHeads * hd;
        float[] q = qt.toFloatArray();
        float[] kIn = kc.toFloatArray();
        float[] vIn = f.floats("attn_v_cache_in");
        float[] kNew = f.floats("attn_k_new");
        float[] vNew = f.floats("attn_v_new");
        long[] lens = f.longs("attn_cache_seqlens");
        Rotary rot = new Rotary(hd);
        float[] cos = new float[hd / 2];
        float[] sin = new float[hd / 2];
        float[] out = new float[batch * heads * hd];
        float[] kOut = new float[kIn.length];
        float[] vOut = new float[vIn.length];
        for (int b = 0; b < batch; b++) {
            KvPool pool = new KvPool(1L << 20, rowsCap, 1, kvDim);
            KvBlockTable kv = new KvBlockTable(pool, rowsCap);
            kv.ensure(rowsCap);
            for (int pos = 0; pos < rowsCap; pos++) {
                kv.putKey(0, pos, kIn, (b * rowsCap + pos) * kvDim);
                kv.putValue(0, pos, vIn, (b * rowsCap + pos) * kvDim);
            }
            int pos = (int) lens[b];
            rot.angles(pos, cos, sin, 0);
            HalfSplitRotary.apply(q, b * heads * hd, heads, hd, hd, cos, sin, 0);
            HalfSplitRotary.apply(kNew, b * kvDim, kvHeads, hd, hd, cos, sin, 0);
            kv.putKey(0, pos, kNew, b * kvDim);
            kv.putValue(0, pos, vNew, b * kvDim);
            k.attention(q, b * heads * hd, kv, 0, pos + 1, heads, kvHeads, hd, out, b * heads * hd);
            for (int p = 0; p < rowsCap; p++) {
                for (int c = 0; c < kvDim; c++) {
                    kOut[(b * rowsCap + p) * kvDim + c] = kv.key(0, p, c);
                }
                for (int c = 0; c < kvDim; c++) {
                    vOut[(b * rowsCap + p) * kvDim + c] = kv.value(0, p, c);
                }
            }
            kv.release();
        }
        report.close("attn_out", f.floats("attn_out"), out, LmGolden.UNIT_TOL);
        report.close("attn_k_cache_out", f.floats("attn_k_cache_out"), kOut, LmGolden.UNIT_TOL);
        report.close("attn_v_cache_out", f.floats("attn_v_cache_out"), vOut, LmGolden.UNIT_TOL);
    }
}
