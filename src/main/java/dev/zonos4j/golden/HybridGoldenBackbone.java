package dev.zonos4j.golden;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zonos4j.golden.LmGolden.CaseFile;
import dev.zonos4j.model.zonos.Conditioning;
import dev.zonos4j.model.zonos.SamplingParams;
import dev.zonos4j.model.zonos.SequenceStates;
import dev.zonos4j.model.zonos.ZonosConfig;
import dev.zonos4j.model.zonos.ZonosModel;
import dev.zonos4j.model.zonos.ZonosSequence;
import dev.zonos4j.weights.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The backbone-only cases of the hybrid kit. Inputs are the stored prefix conditioning (the speaker was a
 * torch random draw, so the conditioning is taken as given; {@code phoneme_ids} are informational) followed
 * by the summed code embeddings of the stored frames, both guidance rows, positions from 0.
 */
final class HybridGoldenBackbone {
    private static final int N = ZonosConfig.CODEBOOKS;
    private static final Pattern SPLIT_STATE = Pattern.compile("split_state_layer_([0-9]+)_(conv|ssm)");

    private HybridGoldenBackbone() {
    }

    /** One prefill over all positions vs a prefill of the first {@code split} then single steps. */
    static void prefillVsStep(ZonosModel model, CaseFile f, GoldenReport report, double tol) {
        JsonNode side = f.side;
        int split = require(side, "split");
        int tailFrom = require(side, "tail_from");
        f.get("phoneme_ids");
        Input in = input(model, f, "");
        int total = in.positions();
        int d = in.d;

        ZonosSequence whole = sequence(model, in, total);
        float[] all = model.forwardBackbone(List.of(whole), List.of(in.rows(0, total))).get(0);
        report.close("full_prefill_output_tail", f.floats("full_prefill_output_tail"), tail(all, total, tailFrom, d),
                tol);
        whole.close();

        ZonosSequence stepped = sequence(model, in, total);
        model.forwardBackbone(List.of(stepped), List.of(in.rows(0, split)));
        for (String name : f.names()) {
            Matcher m = SPLIT_STATE.matcher(name);
            if (m.matches()) {
                int layer = Integer.parseInt(m.group(1));
                List<float[]> mine = new ArrayList<>();
                for (int s = 0; s < 2; s++) {
                    mine.add(m.group(2).equals("conv") ? SequenceStates.conv(stepped, s, layer) : SequenceStates.ssm(stepped, s, layer));
                }
                report.close(name, f.floats(name), LmGoldenModelCases.flattenFloats(mine), tol);
            }
        }
        List<float[]> steps = new ArrayList<>();
        for (int t = split; t < total; t++) {
            steps.add(model.forwardBackbone(List.of(stepped), List.of(in.rows(t, t + 1))).get(0));
        }
        report.close("step_output", f.floats("step_output"), LmGoldenModelCases.flattenFloats(steps), tol);
        stepped.close();
    }

    /** Two sequences of different lengths run as ONE ragged batch: each must equal its run alone upstream. */
    static void raggedPair(ZonosModel model, CaseFile f, GoldenReport report, double tol) {
        String[] tags = {"a", "b"};
        Input[] in = new Input[2];
        ZonosSequence[] seqs = new ZonosSequence[2];
        int[] prefillFrames = new int[2];
        int steps = require(f.side.path("a"), "steps");
        for (int i = 0; i < 2; i++) {
            f.get(tags[i] + "_phoneme_ids");
            in[i] = input(model, f, tags[i] + "_");
            prefillFrames[i] = require(f.side.path(tags[i]), "prefill_frames");
            seqs[i] = sequence(model, in[i], in[i].positions());
        }
        int[] prefill = {in[0].length + prefillFrames[0], in[1].length + prefillFrames[1]};
        List<float[]> out = model.forwardBackbone(List.of(seqs[0], seqs[1]),
                List.of(in[0].rows(0, prefill[0]), in[1].rows(0, prefill[1])));
        List<List<float[]>> stepOut = List.of(new ArrayList<>(), new ArrayList<>());
        for (int s = 0; s < steps; s++) {
            List<float[]> o = model.forwardBackbone(List.of(seqs[0], seqs[1]),
                    List.of(in[0].rows(prefill[0] + s, prefill[0] + s + 1), in[1].rows(prefill[1] + s, prefill[1] + s + 1)));
            stepOut.get(0).add(o.get(0));
            stepOut.get(1).add(o.get(1));
        }
        for (int i = 0; i < 2; i++) {
            report.close(tags[i] + "_prefill_output", f.floats(tags[i] + "_prefill_output"), out.get(i), tol);
            report.close(tags[i] + "_step_output", f.floats(tags[i] + "_step_output"),
                    LmGoldenModelCases.flattenFloats(stepOut.get(i)), tol);
            seqs[i].close();
        }
    }

    /** Backbone input of one sequence: L conditioning rows then one summed-embedding row per frame, per stream. */
    private record Input(int length, int d, float[] cond, float[] uncond, float[] frames) {
        int positions() {
            return length + frames.length / d;
        }

        /** Rows [from, to) of both streams: [2, to - from, d]. */
        float[] rows(int from, int to) {
            int n = to - from;
            float[] out = new float[2 * n * d];
            for (int s = 0; s < 2; s++) {
                float[] c = s == 0 ? cond : uncond;
                for (int t = from; t < to; t++) {
                    int dst = (s * n + t - from) * d;
                    if (t < length) {
                        System.arraycopy(c, t * d, out, dst, d);
                    } else {
                        System.arraycopy(frames, (t - length) * d, out, dst, d);
                    }
                }
            }
            return out;
        }
    }

    private static Input input(ZonosModel model, CaseFile f, String prefix) {
        Tensor pc = f.get(prefix + "prefix_conditioning");
        int length = pc.dim(1);
        int d = pc.dim(2);
        float[] both = pc.toFloatArray();
        Tensor ft = f.get(prefix + "frames");
        int frames = ft.dim(2);
        int[] ids = ft.toIntArray();
        float[] emb = new float[frames * d];
        int[] frame = new int[N];
        for (int t = 0; t < frames; t++) {
            for (int k = 0; k < N; k++) {
                frame[k] = ids[k * frames + t];
            }
            model.embedCodes(frame, emb, t * d);
        }
        return new Input(length, d, java.util.Arrays.copyOfRange(both, 0, length * d),
                java.util.Arrays.copyOfRange(both, length * d, 2 * length * d), emb);
    }

    private static ZonosSequence sequence(ZonosModel model, Input in, int positions) {
        Conditioning c = new Conditioning(in.length, in.d, in.cond, in.uncond);
        return model.newSequence(c, null, SamplingParams.greedy(), 2f, 0L, positions);
    }

    private static float[] tail(float[] rows, int total, int from, int d) {
        int n = total - from;
        float[] out = new float[2 * n * d];
        for (int s = 0; s < 2; s++) {
            System.arraycopy(rows, (s * total + from) * d, out, s * n * d, n * d);
        }
        return out;
    }

    private static int require(JsonNode side, String key) {
        if (!side.has(key)) {
            throw LmGolden.missing("'" + key + "'");
        }
        return side.get(key).asInt();
    }
}
