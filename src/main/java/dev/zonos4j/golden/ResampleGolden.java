package dev.zonos4j.golden;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zonos4j.audio.Resampler;
import dev.zonos4j.util.Json;
import dev.zonos4j.weights.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * torchaudio resampling goldens ({@code resample/} of the speaker kit): for each case, both kernel
 * constructions and both outputs (functional and transform), plus the streaming path against one-shot.
 */
public final class ResampleGolden implements GoldenComponent {
    /** The kit README's tolerance for resampled audio and kernels (same kernel variant). */
    static final double TOLERANCE = 1e-5;
    private static final int STREAM_BLOCK = 997;

    @Override
    public String name() {
        return "resample";
    }

    @Override
    public Kit kit() {
        return Kit.SPEAKER;
    }

    @Override
    public List<GoldenCase> cases(Path kitDir) throws IOException {
        Path dir = kitDir.resolve("resample");
        List<Path> files = new ArrayList<>();
        Path index = dir.resolve("index.json");
        if (Files.isRegularFile(index)) {
            for (JsonNode c : Json.read(index).path("cases")) {
                files.add(dir.resolve(c.path("file").asText()));
            }
        } else if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.getFileName().toString().endsWith(".safetensors")).sorted().forEach(files::add);
            }
        }
        List<GoldenCase> cases = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString().replace(".safetensors", "");
            cases.add(new GoldenCase() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public void run(GoldenReport report) {
                    check(CaseTensors.open(f), report);
                }
            });
        }
        return cases;
    }

    private static void check(CaseTensors st, GoldenReport report) {
        Map<String, String> meta = st.metadata();
        int from = Integer.parseInt(meta.get("orig_freq"));
        int to = Integer.parseInt(meta.get("new_freq"));
        float[][] input = rows(st.get("input"));
        for (Resampler.Variant v : Resampler.Variant.values()) {
            String suffix = v == Resampler.Variant.FUNCTIONAL ? "functional" : "transform";
            Resampler r = Resampler.of(from, to, v);
            Tensor kernel = st.get("kernel_" + suffix);
            if (kernel.dim(0) != r.phases() || kernel.dim(2) != r.taps()) {
                report.fail("kernel_" + suffix, "shape " + kernel.shapeString() + ", ours is [" + r.phases() + ", 1, " + r.taps() + "]");
            } else {
                report.close("kernel_" + suffix, kernel, r.kernel(), TOLERANCE);
            }
            float[][] out = r.resample(input);
            report.close("output_" + suffix, st.get("output_" + suffix), flatten(out), TOLERANCE);
            if (v == Resampler.Variant.TRANSFORM) {
                report.close("output_" + suffix + " (streamed, blocks of " + STREAM_BLOCK + ")", flatten(out),
                        flatten(streamed(r, input)), 0.0);
            }
        }
        report.exact("width", new long[] {Long.parseLong(meta.get("width"))},
                new long[] {Resampler.of(from, to, Resampler.Variant.TRANSFORM).width()});
        st.reportUnchecked(report);
    }

    private static float[][] streamed(Resampler r, float[][] input) {
        Resampler.Stream s = r.stream(input.length);
        List<float[][]> parts = new ArrayList<>();
        int n = input[0].length;
        for (int at = 0; at < n; at += STREAM_BLOCK) {
            int len = Math.min(STREAM_BLOCK, n - at);
            float[][] block = new float[input.length][];
            for (int c = 0; c < input.length; c++) {
                block[c] = java.util.Arrays.copyOfRange(input[c], at, at + len);
            }
            parts.add(s.push(block));
        }
        parts.add(s.finish());
        float[][] out = new float[input.length][];
        for (int c = 0; c < input.length; c++) {
            int total = 0;
            for (float[][] p : parts) {
                total += p[c].length;
            }
            out[c] = new float[total];
            int at = 0;
            for (float[][] p : parts) {
                System.arraycopy(p[c], 0, out[c], at, p[c].length);
                at += p[c].length;
            }
        }
        return out;
    }

    /** A (C, N) tensor as C channel arrays. */
    static float[][] rows(Tensor t) {
        float[] all = t.toFloatArray();
        int c = t.dim(0);
        int n = t.dim(-1);
        float[][] out = new float[c][];
        for (int i = 0; i < c; i++) {
            out[i] = java.util.Arrays.copyOfRange(all, i * n, (i + 1) * n);
        }
        return out;
    }

    static float[] flatten(float[][] rows) {
        int total = 0;
        for (float[] r : rows) {
            total += r.length;
        }
        float[] out = new float[total];
        int at = 0;
        for (float[] r : rows) {
            System.arraycopy(r, 0, out, at, r.length);
            at += r.length;
        }
        return out;
    }
}
