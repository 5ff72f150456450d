package dev.zonos4j.golden;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zonos4j.golden.LmGolden.CaseFile;
import dev.zonos4j.model.zonos.Conditioning;
import dev.zonos4j.model.zonos.ConditioningInputs;
import dev.zonos4j.model.zonos.ConditioningTrace;
import dev.zonos4j.model.zonos.HybridConditions;
import dev.zonos4j.model.zonos.SamplingParams;
import dev.zonos4j.model.zonos.ZonosConfig;
import dev.zonos4j.model.zonos.ZonosModel;
import dev.zonos4j.model.zonos.SequenceStates;
import dev.zonos4j.model.zonos.ZonosSequence;
import dev.zonos4j.weights.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The conditioning and generate cases of the lm component. */
final class LmGoldenModelCases {
    private static final int N = ZonosConfig.CODEBOOKS;
    private static final Pattern STATE = Pattern.compile("prefill_state_layer_([0-9]+)_(conv|ssm|k|v)");

    private LmGoldenModelCases() {
    }

    /** The inputs upstream's make_cond_dict received, from the case tensors (an absent one was unconditional). */
    static ConditioningInputs inputs(CaseFile f) {
        float[] speaker = f.has("speaker") ? f.floats("speaker") : null;
        HybridConditions hybrid = new HybridConditions(f.has("vqscore_8") ? f.floats("vqscore_8") : null,
                f.has("ctc_loss") ? f.floats("ctc_loss")[0] : null, f.has("dnsmos_ovrl") ? f.floats("dnsmos_ovrl")[0] : null,
                f.has("speaker_noised") ? f.longs("speaker_noised")[0] != 0 : null);
        return new ConditioningInputs(f.ints("phoneme_ids"), speaker, f.floats("emotion"), f.floats("fmax")[0],
                f.floats("pitch_std")[0], f.floats("speaking_rate")[0], f.ints("language_id")[0], hybrid);
    }

    static void conditioning(ZonosModel model, CaseFile f, GoldenReport report) {
        ConditioningTrace t = model.traceConditioning(inputs(f));
        t.condParts().forEach((name, part) -> {
            String key = "cond_part_" + name;
            if (f.has(key)) {
                report.close(key, f.floats(key), part, LmGolden.HIDDEN_TOL);
            }
        });
        closeIfPresent(f, report, "cond_concat", t.condConcat());
        closeIfPresent(f, report, "uncond_concat", t.uncondConcat());
        closeIfPresent(f, report, "cond_projected", t.condProjected());
        closeIfPresent(f, report, "uncond_projected", t.uncondProjected());
        checkPrefix(f, report, t.conditioning());
    }

    private static void checkPrefix(CaseFile f, GoldenReport report, Conditioning c) {
        if (f.has("prefix_conditioning")) {
            report.close("prefix_conditioning", f.floats("prefix_conditioning"), concat(c.cond(), c.uncond()), LmGolden.HIDDEN_TOL);
        }
    }

    private static void closeIfPresent(CaseFile f, GoldenReport report, String name, float[] actual) {
        if (f.has(name)) {
            report.close(name, f.floats(name), actual, LmGolden.HIDDEN_TOL);
        }
    }

    /** A generate case; {@code fast}: the native path's bounds ({@link LmGolden#HIDDEN_TOL_FAST}). */
    static void generate(ZonosModel model, CaseFile f, GoldenReport report, boolean fast) {
        generate(model, f, report, fast, LmGolden.HIDDEN_TOL_FAST);
    }

    /** A generate case with the fast path's hidden-state bound given (the hybrid drifts further). */
    static void generate(ZonosModel model, CaseFile f, GoldenReport report, boolean fast, double hiddenTolFast) {
        double hiddenTol = fast ? hiddenTolFast : LmGolden.HIDDEN_TOL;
        double logitsTol = fast ? LmGolden.LOGITS_TOL_FAST : LmGolden.LOGITS_TOL;
        JsonNode side = f.side;
        Conditioning cond = model.prepareConditioning(inputs(f));
        checkPrefix(f, report, cond);
        int[][] prefix = null;
        if (f.has("audio_prefix_codes")) {
            var t = f.get("audio_prefix_codes");
            prefix = rows(t.toIntArray(), N, t.dim(2));
        }
        if (!side.has("cfg_scale") || !side.has("max_new_tokens")) {
            throw LmGolden.missing("cfg_scale / max_new_tokens");
        }
        ZonosSequence seq = model.newSequence(cond, prefix, sampling(side), (float) side.path("cfg_scale").asDouble(),
                0L, side.path("max_new_tokens").asInt());
        int width = model.config().logitsWidth();
        int stored = f.has("decode_logits") ? f.get("decode_logits").dim(0) : 0;
        List<int[]> inputs = new ArrayList<>();
        List<int[]> argmax = new ArrayList<>();
        List<float[]> logits = new ArrayList<>();
        List<float[]> finals = new ArrayList<>();
        seq.observe((step, input, raw, fin, sampled) -> {
            if (input != null) {
                inputs.add(input.clone());
            }
            argmax.add(sampled.clone());
            if (step <= stored) {
                logits.add(raw.clone());
                finals.add(fin.clone());
            }
        });
        Map<String, float[]> hidden = new HashMap<>();
        int s0 = f.has("prefill_backbone_input") ? f.get("prefill_backbone_input").dim(1) : 0;
        model.prefill(seq, (name, stream, pos, x, off) -> {
            String key = "prefill_" + name;
            if (s0 > 0 && pos < s0 && f.has(key)) {
                // a captured activation's width is that of the stored tensor [2, S0, width]
                int w = f.tensors.get(key).dim(-1);
                float[] buf = hidden.computeIfAbsent(key, k -> new float[2 * s0 * w]);
                System.arraycopy(x, off, buf, (stream * s0 + pos) * w, w);
            }
        });
        checkStates(f, seq, report, hiddenTol);
        List<ZonosSequence> one = List.of(seq);
        int d = model.config().backbone().dModel();
        if (!seq.finished()) {
            model.decodeStep(one, (name, stream, pos, x, off) -> {
                if (f.has("decode1_" + name)) {
                    float[] buf = hidden.computeIfAbsent("decode1_" + name, k -> new float[2 * d]);
                    System.arraycopy(x, off, buf, stream * d, d);
                }
            });
        }
        while (!seq.finished()) {
            model.decodeStep(one);
        }
        for (String name : f.names()) {
            if (name.startsWith("decode1_")) {
                float[] mine = hidden.get(name);
                if (mine == null) {
                    report.fail(name, "no such activation in our first decode step");
                } else {
                    report.close(name, f.floats(name), mine, hiddenTol);
                }
            }
            if (name.startsWith("prefill_") && !name.equals("prefill_logits") && !STATE.matcher(name).matches()) {
                float[] mine = hidden.get(name);
                if (mine == null) {
                    report.fail(name, "no such activation in our prefill");
                } else {
                    report.close(name, f.floats(name), mine, hiddenTol);
                }
            }
        }
        int heads = model.config().headRows();
        if (f.has("prefill_logits")) {
            report.close("prefill_logits", f.floats("prefill_logits"), slice(logits.subList(0, 1), width, heads), logitsTol);
        }
        // the fast path compares decode logits only while its inputs are the kit's
        int shared = fast ? sharedSteps(f, inputs) : Integer.MAX_VALUE;
        if (stored > 0) {
            int n = Math.min(Math.min(stored, logits.size() - 1), shared);
            report.close("decode_logits", prefix(f.floats("decode_logits"), n * N * heads), slice(logits.subList(1, 1 + n), width, heads),
                    logitsTol);
        }
        if (f.has("decode_logits_final")) {
            int n = Math.min(Math.min(f.get("decode_logits_final").dim(0), finals.size() - 1), shared);
            report.close("decode_logits_final", prefix(f.floats("decode_logits_final"), n * N * heads),
                    slice(finals.subList(1, 1 + n), width, heads), fast ? 2 * logitsTol : logitsTol);
        }
        codesIfPresent(f, report, "step_input_ids", flatten(inputs), fast);
        codesIfPresent(f, report, "step_argmax", flatten(argmax), fast);
        codesIfPresent(f, report, "delayed_codes", flatten(java.util.Arrays.asList(seq.delayedCodes())), fast);
        codesIfPresent(f, report, "codes", flatten(java.util.Arrays.asList(seq.codes())), fast);
        seq.close();
    }

    /** Caches after the prefill: {@code prefill_state_layer_<i>_<conv|ssm|k|v>}. */
    private static void checkStates(CaseFile f, ZonosSequence seq, GoldenReport report, double tol) {
        for (String name : f.names()) {
            Matcher m = STATE.matcher(name);
            if (!m.matches()) {
                continue;
            }
            int layer = Integer.parseInt(m.group(1));
            Tensor expected = f.get(name);
            int streams = expected.dim(0);
            List<float[]> mine = new ArrayList<>();
            for (int s = 0; s < streams; s++) {
                mine.add(switch (m.group(2)) {
                    case "conv" -> SequenceStates.conv(seq, s, layer);
                    case "ssm" -> SequenceStates.ssm(seq, s, layer);
                    case "k" -> SequenceStates.keys(seq, s, layer, expected.dim(1));
                    default -> SequenceStates.values(seq, s, layer, expected.dim(1));
                });
            }
            report.close(name, expected.toFloatArray(), flattenFloats(mine), tol);
        }
    }

    static float[] flattenFloats(List<float[]> parts) {
        float[] out = new float[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** Decode steps whose 9 input ids equal the kit's, from the first step on. */
    private static int sharedSteps(CaseFile f, List<int[]> inputs) {
        if (!f.has("step_input_ids")) {
            return 0;
        }
        long[] kit = f.longs("step_input_ids");
        int steps = 0;
        for (int[] in : inputs) {
            for (int k = 0; k < N; k++) {
                int at = steps * N + k;
                if (at >= kit.length || kit[at] != in[k]) {
                    return steps;
                }
            }
            steps++;
        }
        return steps;
    }

    private static float[] prefix(float[] a, int n) {
        return n >= a.length ? a : java.util.Arrays.copyOf(a, n);
    }

    private static void codesIfPresent(CaseFile f, GoldenReport report, String name, long[] actual, boolean fast) {
        if (!f.has(name)) {
            return;
        }
        if (fast) {
            report.agreement(name, f.longs(name), actual);
        } else {
            report.exact(name, f.longs(name), actual);
        }
    }

    static SamplingParams sampling(JsonNode side) {
        JsonNode s = side.has("sampling_effective") ? side.get("sampling_effective") : side.path("sampling");
        if (s.isMissingNode()) {
            throw LmGolden.missing("sampling_effective");
        }
        return new SamplingParams((float) s.path("temperature").asDouble(1), (float) s.path("top_p").asDouble(0),
                s.path("top_k").asInt(0), (float) s.path("min_p").asDouble(0), (float) s.path("linear").asDouble(0),
                (float) s.path("conf").asDouble(0), (float) s.path("quad").asDouble(0),
                (float) s.path("repetition_penalty").asDouble(3), s.path("repetition_penalty_window").asInt(2));
    }

    /** Our [9, width] logits of each step, cut to the stored head width: [steps, 9, heads]. */
    private static float[] slice(List<float[]> steps, int width, int heads) {
        float[] out = new float[steps.size() * N * heads];
        for (int s = 0; s < steps.size(); s++) {
            for (int k = 0; k < N; k++) {
                System.arraycopy(steps.get(s), k * width, out, (s * N + k) * heads, heads);
            }
        }
        return out;
    }

    private static long[] flatten(List<int[]> rows) {
        long[] out = new long[rows.stream().mapToInt(r -> r.length).sum()];
        int at = 0;
        for (int[] r : rows) {
            for (int v : r) {
                out[at++] = v;
            }
        }
        return out;
    }

    static int[][] rows(int[] flat, int n, int len) {
        int[][] out = new int[n][len];
        for (int k = 0; k < n; k++) {
            System.arraycopy(flat, k * len, out[k], 0, len);
        }
        return out;
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = new float[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
