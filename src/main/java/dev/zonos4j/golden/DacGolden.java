package dev.zonos4j.golden;

import dev.zonos4j.model.dac.DacModel;
import dev.zonos4j.model.dac.StreamingDecoder;
import dev.zonos4j.weights.SafeTensors;
import dev.zonos4j.weights.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Golden checks of the DAC codec: every {@code golden/*.safetensors} of a DAC kit is a decode case (it holds
 * {@code audio_codes} and {@code audio_values}) and/or an encode case (it holds {@code padded_input_values}),
 * run once per weight file in {@code tiny/} (folded {@code model.safetensors} and, when present,
 * {@code model_weightnorm.safetensors}). Decode cases also get a streaming case that decodes in several chunks.
 * Tolerances are the kit README's; a tensor of a decode or encode case file that no check covers fails the case. An encode case that starts at another rate ({@code input_values_24k}) runs the
 * whole Zonos path: our resampling (checked against {@code resampled_44k}), padding, encoding; its input rate is
 * inferred from the two lengths.
 */
public final class DacGolden implements GoldenComponent {
    private static final double AUDIO_TOL = 5e-5;
    private static final double LATENT_TOL = 1e-5;
    private static final double DEBUG_TOL = 5e-5;
    /** Extra allowance when the weights were folded from weight_g/weight_v here rather than by torch. */
    private static final double FOLD_TOL = 1e-6;
    /** The speaker kit README's resampling tolerance (same kernel variant). */
    private static final double RESAMPLE_TOL = 1e-5;

    private final Map<Path, DacModel> models = new HashMap<>();

    @Override
    public String name() {
        return "dac";
    }

    @Override
    public Kit kit() {
        return Kit.DAC;
    }

    @Override
    public List<GoldenCase> cases(Path kitDir) throws IOException {
        Path config = kitDir.resolve("tiny/config.json");
        List<Path> weights = new ArrayList<>();
        for (String w : List.of("model.safetensors", "model_weightnorm.safetensors")) {
            if (Files.isRegularFile(kitDir.resolve("tiny").resolve(w))) {
                weights.add(kitDir.resolve("tiny").resolve(w));
            }
        }
        List<Path> goldens;
        try (Stream<Path> s = Files.list(kitDir.resolve("golden"))) {
            goldens = s.filter(p -> p.getFileName().toString().endsWith(".safetensors")).sorted().toList();
        }
        List<GoldenCase> cases = new ArrayList<>();
        for (Path w : weights) {
            String tag = stem(w);
            for (Path g : goldens) {
                SafeTensors st = SafeTensors.open(g);
                String base = stem(g) + "@" + tag;
                if (st.has("audio_codes") && st.has("audio_values")) {
                    cases.add(golden(base, r -> decodeCase(model(config, w), CaseTensors.open(g), tol(w), r)));
                    cases.add(golden(base + "/streaming", r -> streamingCase(model(config, w), CaseTensors.open(g), r)));
                }
                if (st.has("padded_input_values") && st.has("audio_codes")) {
                    cases.add(golden(base, r -> encodeCase(model(config, w), CaseTensors.open(g), tol(w), r)));
                }
            }
        }
        return cases;
    }

    private static double tol(Path weights) {
        return stem(weights).contains("weightnorm") ? FOLD_TOL : 0;
    }

    private synchronized DacModel model(Path config, Path weights) {
        return models.computeIfAbsent(weights, w -> DacModel.load(config, w));
    }

    private static void decodeCase(DacModel model, CaseTensors g, double extra, GoldenReport r) {
        Map<String, float[]> seen = new HashMap<>();
        model.decode(codes(g.get("audio_codes"), model.codebooks()), (name, s) -> seen.put(name, s.toArray()));
        for (String name : g.keys()) {
            if (name.equals("codebook_latents") || name.equals("quantized_representation")) {
                compare(r, g, name, seen.get(name), LATENT_TOL + extra, false);
            } else if (name.startsWith("debug.")) {
                compare(r, g, name, seen.get(name), DEBUG_TOL + extra, true);
            }
        }
        compare(r, g, "audio_values", seen.get("audio_values"), AUDIO_TOL + extra, false);
        if (g.has("perturbed_audio_codes") && g.has("perturbed_audio_values")) {
            float[] audio = model.decode(codes(g.get("perturbed_audio_codes"), model.codebooks()));
            compare(r, g, "perturbed_audio_values", audio, AUDIO_TOL + extra, false);
        }
        g.reportUnchecked(r);
    }

    /** Decodes in at least four chunks through the streaming decoder; must equal the one-shot decode exactly. */
    private static void streamingCase(DacModel model, CaseTensors g, GoldenReport r) {
        int[][] codes = codes(g.get("audio_codes"), model.codebooks());
        int frames = codes[0].length;
        float[] oneShot = model.decode(codes, (name, s) -> { });
        int chunk = Math.max(1, frames / 4);
        float[] streamed = new float[frames * model.hopLength()];
        int[] pos = {0};
        try (StreamingDecoder d = model.streamingDecoder((buf, off, len) -> {
            System.arraycopy(buf, off, streamed, pos[0], len);
            pos[0] += len;
        }, chunk)) {
            for (int f = 0; f < frames; f += 3) {
                d.accept(codes, f, Math.min(frames, f + 3));
            }
            d.finish();
        }
        compare(r, g, "audio_values (" + chunk + "-frame chunks)", "audio_values", streamed, AUDIO_TOL);
        r.close("streamed == one-shot decode", oneShot, streamed, 0.0);
    }

    private static void encodeCase(DacModel model, CaseTensors g, double extra, GoldenReport r) {
        float[] input;
        double padTol = 0;
        if (g.has("input_values")) {
            input = g.get("input_values").toFloatArray();
        } else {
            Tensor low = g.get("input_values_24k");
            float[] reference = g.get("resampled_44k").toFloatArray();
            int rate = (int) Math.round((double) model.sampleRate() * low.numel() / reference.length);
            input = model.toCodecRate(low.toFloatArray(), rate);
            r.close("resampled_44k (from " + rate + " Hz)", reference, input, RESAMPLE_TOL);
            padTol = RESAMPLE_TOL;
        }
        Map<String, float[]> seen = new HashMap<>();
        int[][] ours = model.encode(input, (name, s) -> seen.put(name, s.toArray()));
        compare(r, g, "padded_input_values", seen.get("padded_input_values"), padTol, false);
        for (String name : g.keys()) {
            if (name.startsWith("debug.encoder.") || name.equals("encoder_output") || name.equals("projected_latents")) {
                compare(r, g, name, seen.get(name), DEBUG_TOL + extra, true);
            }
        }
        for (String stack : List.of("debug.rvq.residual_inputs", "debug.rvq.quantized_outputs")) {
            if (g.has(stack)) {
                compareStack(r, g.get(stack), stack, seen, DEBUG_TOL + extra);
            }
        }
        long[] flat = new long[model.codebooks() * ours[0].length];
        for (int i = 0; i < ours.length; i++) {
            for (int t = 0; t < ours[i].length; t++) {
                flat[i * ours[i].length + t] = ours[i][t];
            }
        }
        r.exact("audio_codes", g.get("audio_codes"), flat);
        compare(r, g, "quantized_representation", seen.get("quantized_representation"), LATENT_TOL + extra, false);
        if (g.has("code_margins")) {
            compare(r, g, "code_margins", seen.get("code_margins"), LATENT_TOL + extra, false);
        }
        if (g.has("decoded_audio_values")) {
            compare(r, g, "decoded_audio_values", model.decode(ours), AUDIO_TOL + extra, false);
        }
        if (g.has("forward_audio_values")) {
            float[] z = seen.get("quantized_representation");
            compare(r, g, "forward_audio_values", model.decodeLatent(z, ours[0].length), AUDIO_TOL + extra, false);
        }
        g.reportUnchecked(r);
    }

    /** A reference stacked over stages ({@code [stages, 1, C, T]}) against our per-stage {@code name.i} tensors. */
    private static void compareStack(GoldenReport r, Tensor ref, String name, Map<String, float[]> seen, double tol) {
        float[] all = ref.toFloatArray();
        int stages = ref.dim(0);
        int per = all.length / stages;
        for (int i = 0; i < stages; i++) {
            float[] expected = new float[per];
            System.arraycopy(all, i * per, expected, 0, per);
            float[] actual = seen.get(name + "." + i);
            if (actual == null) {
                r.fail(name + "[" + i + "]", "not produced by the encoder");
                continue;
            }
            r.close(name + "[" + i + "]", expected, actual, tol * Math.max(1, maxAbs(expected)));
        }
    }

    private static void compare(GoldenReport r, CaseTensors g, String name, float[] actual, double tol, boolean relative) {
        compare(r, g, name, name, actual, relative ? tol * Math.max(1, maxAbs(g.get(name).toFloatArray())) : tol);
    }

    private static void compare(GoldenReport r, CaseTensors g, String label, String name, float[] actual, double tol) {
        if (actual == null) {
            r.fail(label, "not produced by our implementation");
            return;
        }
        r.close(label, g.get(name).toFloatArray(), actual, tol);
    }

    private static float maxAbs(float[] v) {
        float m = 0;
        for (float x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    /** Codes stored as [1, n, T] or [n, T]. */
    private static int[][] codes(Tensor t, int codebooks) {
        int frames = t.dim(-1);
        if (t.numel() != (long) codebooks * frames) {
            throw new IllegalArgumentException(t.name() + " has shape " + t.shapeString() + ", expected [1, " + codebooks + ", T]");
        }
        int[] flat = t.toIntArray();
        int[][] codes = new int[codebooks][frames];
        for (int i = 0; i < codebooks; i++) {
            System.arraycopy(flat, i * frames, codes[i], 0, frames);
        }
        return codes;
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.indexOf('.');
        return dot < 0 ? n : n.substring(0, dot);
    }

    private interface Body {
        void run(GoldenReport r) throws Exception;
    }

    private static GoldenCase golden(String name, Body body) {
        return new GoldenCase() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void run(GoldenReport r) throws Exception {
                body.run(r);
            }
        };
    }
}
