package dev.zonos4j.golden;

import dev.zonos4j.golden.LmGolden.CaseFile;
import dev.zonos4j.model.zonos.DelayPattern;
import dev.zonos4j.model.zonos.Samplers;
import dev.zonos4j.model.zonos.ZonosConfig;
import dev.zonos4j.tensor.Kernels;
import dev.zonos4j.tensor.Rotary;
import dev.zonos4j.weights.Tensor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The unit case of the lm component: rotary, delay pattern, repetition penalty and the sampling transforms.
 * Each output tensor's name says its parameters (e.g. {@code sampling_top_p_0.8}); they are parsed from it.
 */
final class LmGoldenUnitOps {
    private static final String NUM = "(-?[0-9]+(?:\\.[0-9]+)?)";
    private static final Pattern TABLE = Pattern.compile("rotary_table_head_dim_([0-9]+)_first_([0-9]+)_positions");
    private static final Pattern PENALTY = Pattern.compile("rp_out_penalty" + NUM + "_window([0-9]+)");
    private static final Pattern TOP_P = Pattern.compile("sampling_top_p_" + NUM);
    private static final Pattern TOP_K = Pattern.compile("sampling_top_k_([0-9]+)");
    private static final Pattern MIN_P = Pattern.compile("sampling_min_p_" + NUM);
    private static final Pattern UNIFIED = Pattern.compile("sampling_unified_l" + NUM + "_c" + NUM + "_q" + NUM);

    private LmGoldenUnitOps() {
    }

    static void run(CaseFile f, ZonosConfig cfg, Kernels k, GoldenReport report) {
        for (String name : f.names()) {
            Matcher m;
            if (name.equals("rotary_out")) {
                report.close(name, f.floats(name), rotary(f, k), LmGolden.UNIT_TOL);
            } else if ((m = TABLE.matcher(name)).matches()) {
                report.close(name, f.floats(name), table(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))), LmGolden.UNIT_TOL);
            } else if (name.equals("delay_delayed")) {
                Tensor codes = f.get("delay_codes");
                int[][] rows = LmGoldenModelCases.rows(codes.toIntArray(), codes.dim(1), codes.dim(2));
                report.exact(name, f.longs(name), flat(DelayPattern.delay(rows, cfg.maskedTokenId())));
            } else if (name.equals("delay_reverted")) {
                Tensor delayed = f.get("delay_delayed");
                int[][] rows = LmGoldenModelCases.rows(delayed.toIntArray(), delayed.dim(1), delayed.dim(2));
                report.exact(name, f.longs(name), flat(DelayPattern.revert(rows)));
            } else if ((m = PENALTY.matcher(name)).matches()) {
                report.close(name, f.floats(name), penalty(f, Float.parseFloat(m.group(1)), Integer.parseInt(m.group(2))),
                        LmGolden.UNIT_TOL);
            } else if (name.equals("sampling_probs")) {
                float[] p = f.floats("sampling_logits");
                int width = f.get("sampling_logits").dim(-1);
                for (int off = 0; off < p.length; off += width) {
                    Samplers.softmax(p, off, width, 1f, k);
                }
                report.close(name, f.floats(name), p, LmGolden.UNIT_TOL);
            } else if ((m = TOP_P.matcher(name)).matches()) {
                long[] keys = new long[width(f)];
                filter(f, name, Samplers.topP(Float.parseFloat(m.group(1)), keys), report);
            } else if ((m = TOP_K.matcher(name)).matches()) {
                long[] keys = new long[width(f)];
                filter(f, name, Samplers.topK(Integer.parseInt(m.group(1)), keys), report);
            } else if ((m = MIN_P.matcher(name)).matches()) {
                filter(f, name, Samplers.minP(Float.parseFloat(m.group(1))), report);
            } else if ((m = UNIFIED.matcher(name)).matches()) {
                filter(f, name, Samplers.unified(Float.parseFloat(m.group(1)), Float.parseFloat(m.group(2)),
                        Float.parseFloat(m.group(3)), k), report);
            }
        }
    }

    /** rotary_x [B, S, H, D] at rotary_positions [S]. */
    private static float[] rotary(CaseFile f, Kernels k) {
        Tensor xt = f.get("rotary_x");
        float[] x = xt.toFloatArray();
        int[] pos = f.ints("rotary_positions");
        int b = xt.dim(0);
        int s = xt.dim(1);
        int heads = xt.dim(2);
        int hd = xt.dim(3);
        Rotary rot = new Rotary(hd);
        float[] cos = new float[hd / 2];
        float[] sin = new float[hd / 2];
        for (int i = 0; i < b; i++) {
            for (int t = 0; t < s; t++) {
                rot.angles(pos[t], cos, sin, 0);
                k.rotary(x, (i * s + t) * heads * hd, heads, hd, cos, sin, 0);
            }
        }
        return x;
    }

    /** [positions, D/2, (cos, sin)]. */
    private static float[] table(int hd, int positions) {
        Rotary rot = new Rotary(hd);
        float[] cos = new float[hd / 2];
        float[] sin = new float[hd / 2];
        float[] out = new float[positions * hd];
        for (int p = 0; p < positions; p++) {
            rot.angles(p, cos, sin, 0);
            for (int i = 0; i < hd / 2; i++) {
                out[p * hd + 2 * i] = cos[i];
                out[p * hd + 2 * i + 1] = sin[i];
            }
        }
        return out;
    }

    /** rp_logits [1, C, V] penalised by the last tokens of rp_generated_tokens [1, C, G]. */
    private static float[] penalty(CaseFile f, float penalty, int window) {
        Tensor lt = f.get("rp_logits");
        Tensor tt = f.get("rp_generated_tokens");
        float[] logits = lt.toFloatArray();
        int[][] tokens = LmGoldenModelCases.rows(tt.toIntArray(), tt.dim(1), tt.dim(2));
        Samplers.repetitionPenalty(logits, lt.dim(2), tokens, tt.dim(2), window, penalty);
        return logits;
    }

    private static int width(CaseFile f) {
        return f.get("sampling_probs").dim(-1);
    }

    /** The filter applied to each distribution of sampling_probs. */
    private static void filter(CaseFile f, String name, Samplers.Filter filter, GoldenReport report) {
        float[] p = f.floats("sampling_probs");
        int width = width(f);
        for (int off = 0; off < p.length; off += width) {
            filter.apply(p, off, width);
        }
        report.close(name, f.floats(name), p, LmGolden.UNIT_TOL);
    }

    private static long[] flat(int[][] rows) {
        long[] out = new long[rows.length * rows[0].length];
        for (int k = 0; k < rows.length; k++) {
            for (int j = 0; j < rows[k].length; j++) {
                out[k * rows[k].length + j] = rows[k][j];
            }
        }
        return out;
    }
}
