package dev.zonos4j.golden;

import dev.zonos4j.audio.LogMelFilterbank;
import dev.zonos4j.model.speaker.SpeakerEmbedding;
import dev.zonos4j.model.speaker.SpeakerEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Speaker-encoder goldens ({@code golden/in*.safetensors} of the speaker kit, run on the kit's tiny
 * checkpoints): every stage end to end from the input wav, then each stage fed the golden output of the
 * previous one, with the kit README's tolerances; plus the front end's window and mel filterbank.
 */
public final class SpeakerGolden implements GoldenComponent {
    // End to end, from wav (README "end-to-end suggested").
    private static final double E2E_FBANK = 2e-3;
    private static final double E2E_EMBEDDING = 1e-3;
    private static final double E2E_LDA = 5e-3;
    // Stage-wise, each stage fed the golden previous stage (README "stage-wise suggested").
    private static final double STAGE_FBANK = 2e-4;
    private static final double STAGE_EMBEDDING = 2e-4;
    private static final double STAGE_LDA = 1e-4;
    private static final double MONO = 1e-6;
    private static final double MEL_RTOL = 1e-3;
    private static final double MEL_ATOL = 1e-5;
    private static final double DEBUG_RELATIVE = 1e-4;
    // torch's vectorised float32 pow rounds one of the 82 mel points the other way than a correctly
    // rounded pow does, which moves 8 filterbank weights by ~1.4e-6.
    private static final double CONSTANTS = 1e-5;

    @Override
    public String name() {
        return "speaker";
    }

    @Override
    public Kit kit() {
        return Kit.SPEAKER;
    }

    @Override
    public List<GoldenCase> cases(Path kitDir) throws IOException {
        Path golden = kitDir.resolve("golden");
        List<GoldenCase> cases = new ArrayList<>();
        if (!Files.isDirectory(golden)) {
            return cases;
        }
        Path constants = golden.resolve("frontend_constants.safetensors");
        if (Files.isRegularFile(constants)) {
            cases.add(golden("frontend_constants", r -> checkConstants(CaseTensors.open(constants), r)));
        }
        Encoder encoder = new Encoder(kitDir.resolve("tiny"));
        try (Stream<Path> s = Files.list(golden)) {
            for (Path f : s.filter(p -> p.getFileName().toString().matches("in.*\\.safetensors")).sorted().toList()) {
                String name = f.getFileName().toString().replace(".safetensors", "");
                cases.add(golden(name, r -> checkClip(CaseTensors.open(f), encoder.get(), r)));
            }
        }
        return cases;
    }

    /** Loads the kit's tiny encoder once, on first use, for all cases of a run. */
    private static final class Encoder {
        private final Path dir;
        private SpeakerEncoder encoder;

        Encoder(Path dir) {
            this.dir = dir;
        }

        synchronized SpeakerEncoder get() {
            if (encoder == null) {
                encoder = SpeakerEncoder.load(dir);
            }
            return encoder;
        }
    }

    private interface Body {
        void run(GoldenReport r);
    }

    private static GoldenCase golden(String name, Body body) {
        return new GoldenCase() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void run(GoldenReport report) {
                body.run(report);
            }
        };
    }

    private static void checkConstants(CaseTensors st, GoldenReport r) {
        LogMelFilterbank front = LogMelFilterbank.speaker();
        r.close("window", st.get("window"), front.window(), CONSTANTS);
        r.close("mel_fb", st.get("mel_fb"), front.filterbank(), CONSTANTS);
        st.reportUnchecked(r);
    }

    private static void checkClip(CaseTensors st, SpeakerEncoder enc, GoldenReport r) {
        int rate = Integer.parseInt(st.metadata().get("sample_rate"));
        int frames = st.get("fbank").dim(-1);

        // end to end, from the input wav
        float[] mono = SpeakerEncoder.downmix(ResampleGolden.rows(st.get("wav")));
        r.close("mono", st.get("mono"), mono, MONO);
        float[] resampled = enc.resampleTo16k(mono, rate);
        r.close("resampled", st.get("resampled"), resampled, ResampleGolden.TOLERANCE);
        closeRelative(r, "mel_power", st.get("mel_power").toFloatArray(), enc.melPower(resampled), MEL_RTOL, MEL_ATOL);
        SpeakerEmbedding e2e = enc.embedMono16k(resampled);
        r.close("fbank", st.get("fbank"), enc.features(resampled), E2E_FBANK);
        r.close("embedding", st.get("embedding"), e2e.embedding(), E2E_EMBEDDING);
        r.close("lda", st.get("lda"), e2e.lda(), E2E_LDA);
        checkBf16(r, st.get("zonos_speaker_embedding_bf16_as_f32").toFloatArray(), e2e.speaker());

        // stage-wise, each stage from the golden previous stage
        r.close("fbank (from golden resampled)", st.get("fbank"), enc.features(st.get("resampled").toFloatArray()), STAGE_FBANK);
        Map<String, float[]> probes = new HashMap<>();
        float[] embedding = enc.embedFeatures(st.get("fbank").toFloatArray(), frames,
                (name, data, shape) -> probes.put("debug." + name, java.util.Arrays.copyOf(data, count(shape))));
        r.close("embedding (from golden fbank)", st.get("embedding"), embedding, STAGE_EMBEDDING);
        r.close("lda (from golden embedding)", st.get("lda"), enc.project(st.get("embedding").toFloatArray()), STAGE_LDA);
        for (String key : st.keys().stream().filter(k -> k.startsWith("debug.")).sorted().toList()) {
            float[] ours = probes.get(key);
            if (ours == null) {
                r.fail(key, "the network produced no activation of this name");
                continue;
            }
            float[] ref = st.get(key).toFloatArray();
            r.close(key + " (from golden fbank)", ref, ours, DEBUG_RELATIVE * maxAbs(ref));
        }
        st.reportUnchecked(r);
    }

    /** |ours − ref| ≤ atol + rtol·|ref|, reported as the largest ratio of the two sides (pass when ≤ 1). */
    private static void closeRelative(GoldenReport r, String name, float[] ref, float[] ours, double rtol, double atol) {
        if (ref.length != ours.length) {
            r.close(name, ref, ours, 0);
            return;
        }
        float[] scaledRef = new float[ref.length];
        float[] scaledOurs = new float[ref.length];
        for (int i = 0; i < ref.length; i++) {
            double s = atol + rtol * Math.abs(ref[i]);
            scaledRef[i] = (float) (ref[i] / s);
            scaledOurs[i] = (float) (ours[i] / s);
        }
        r.close(name + " (|diff| / (" + atol + " + " + rtol + "|ref|))", scaledRef, scaledOurs, 1.0);
    }

    /** The bf16 vector may differ by one bf16 step where the float lda (within its tolerance) straddles a rounding boundary. */
    private static void checkBf16(GoldenReport r, float[] ref, float[] ours) {
        if (ref.length != ours.length) {
            r.close("zonos_speaker_embedding_bf16", ref, ours, 0);
            return;
        }
        float[] scaledRef = new float[ref.length];
        float[] scaledOurs = new float[ref.length];
        for (int i = 0; i < ref.length; i++) {
            double s = Math.ulp(ref[i]) * 65536.0 + E2E_LDA;
            scaledRef[i] = (float) (ref[i] / s);
            scaledOurs[i] = (float) (ours[i] / s);
        }
        r.close("zonos_speaker_embedding_bf16_as_f32 (|diff| / (1 bf16 step + " + E2E_LDA + "))", scaledRef, scaledOurs, 1.0);
    }

    private static int count(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    private static double maxAbs(float[] x) {
        double m = 0;
        for (float v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
