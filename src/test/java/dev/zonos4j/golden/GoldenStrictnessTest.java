package dev.zonos4j.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.TestKits;
import dev.zonos4j.util.Json;
import dev.zonos4j.weights.DType;
import dev.zonos4j.weights.SafeTensors;
import dev.zonos4j.weights.SafeTensorsWriter;
import dev.zonos4j.weights.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden runner is only as good as its strictness: every way a kit can go quietly unchecked (no cases, a case
 * whose sidecar is missing or has no kind, a tensor no check covers, NaN, a length mismatch) must fail the run.
 * Each test builds a small kit from copies of the real ones with one thing wrong.
 */
class GoldenStrictnessTest {
    @TempDir
    Path tmp;

    record Run(GoldenRunner.Result result, String out) {
    }

    static Run run(Path kit, String component) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        GoldenRunner.Result r = GoldenRunner.standard().run(kit, component, new PrintStream(buf, true, StandardCharsets.UTF_8));
        return new Run(r, buf.toString(StandardCharsets.UTF_8));
    }

    /** Copies a safetensors file, each tensor passed through {@code change} (null drops it), plus {@code extra}. */
    static void copy(Path from, Path to, BiFunction<String, float[], float[]> change, String extra) throws IOException {
        SafeTensors src = SafeTensors.open(from);
        SafeTensorsWriter w = new SafeTensorsWriter();
        src.metadata().forEach(w::metadata);
        for (Map.Entry<String, Tensor> e : src.tensors().entrySet()) {
            Tensor t = e.getValue();
            if (t.dtype() == DType.I64) {
                w.addI64(e.getKey(), t.shape(), t.toLongArray());
            } else {
                float[] v = change.apply(e.getKey(), t.toFloatArray());
                if (v != null) {
                    w.addF32(e.getKey(), t.shape(), v);
                }
            }
        }
        if (extra != null) {
            w.addF32(extra, new long[] {2}, new float[] {1f, 2f});
        }
        Files.createDirectories(to.getParent());
        w.write(to);
    }

    static final BiFunction<String, float[], float[]> SAME = (name, v) -> v;

    /** A zonos kit with the real tiny model and the named cases copied (index.json lists {@code indexed}). */
    Path zonosKit(List<String> cases, List<String> indexed) throws IOException {
        Path kit = tmp.resolve("zonos");
        Files.createDirectories(kit.resolve("cases"));
        Files.createSymbolicLink(kit.resolve("tiny"), TestKits.zonos().resolve("tiny"));
        for (String c : cases) {
            Files.copy(TestKits.zonos().resolve("cases/" + c + ".json"), kit.resolve("cases/" + c + ".json"));
            Files.copy(TestKits.zonos().resolve("cases/" + c + ".safetensors"), kit.resolve("cases/" + c + ".safetensors"));
        }
        if (!indexed.isEmpty()) {
            StringBuilder index = new StringBuilder("[");
            for (String c : indexed) {
                index.append(index.length() > 1 ? "," : "").append("{\"case\": \"").append(c).append("\"}");
            }
            Files.writeString(kit.resolve("cases/index.json"), index.append("]"));
        }
        return kit;
    }

    static final String CASE = "cond_en_default_nospeaker";

    @Test
    void aKitWithNoCasesFails() throws Exception {
        Run r = run(zonosKit(List.of(), List.of()), "lm");
        assertFalse(r.result().ok());
        assertEquals(List.of("component 'lm': no cases found in " + tmp.resolve("zonos")), r.result().problems());
    }

    @Test
    void anIndexEntryWithoutItsSidecarFails() throws Exception {
        Run r = run(zonosKit(List.of(CASE), List.of(CASE, "ghost")), "lm");
        assertEquals(1, r.result().passed(), r.out());
        assertEquals(1, r.result().failed(), r.out());
        assertTrue(r.out().contains("lm/ghost") && r.out().contains("listed in index.json but "
                + tmp.resolve("zonos/cases/ghost.json") + " is missing"), r.out());
    }

    @Test
    void aSidecarWithoutKindFails() throws Exception {
        Path kit = zonosKit(List.of(CASE), List.of());
        Path side = kit.resolve("cases/" + CASE + ".json");
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) Json.read(side);
        json.remove("kind");
        Files.writeString(side, Json.MAPPER.writeValueAsString(json));
        Run r = run(kit, "lm");
        assertEquals(0, r.result().passed(), r.out());
        assertEquals(1, r.result().failed(), r.out());
        assertTrue(r.out().contains(CASE + ".json has no \"kind\""), r.out());
    }

    @Test
    void everyComponentFailsOnATensorItDidNotCheck() throws Exception {
        // lm
        Path zonos = zonosKit(List.of(CASE), List.of());
        copy(TestKits.zonos().resolve("cases/" + CASE + ".safetensors"), zonos.resolve("cases/" + CASE + ".safetensors"),
                SAME, "surprise");
        assertUncheckedFails(run(zonos, "lm"), "lm/" + CASE);

        // dac: the decode case flags it (its streaming twin reads only codes and audio)
        Path dac = tmp.resolve("dac");
        Files.createDirectories(dac.resolve("tiny"));
        Files.copy(TestKits.dac().resolve("tiny/config.json"), dac.resolve("tiny/config.json"));
        Files.createSymbolicLink(dac.resolve("tiny/model.safetensors"), TestKits.dac().resolve("tiny/model.safetensors"));
        copy(TestKits.dac().resolve("golden/decode_short.safetensors"), dac.resolve("golden/decode_short.safetensors"), SAME,
                "surprise");
        assertUncheckedFails(run(dac, "dac"), "dac/decode_short@model");

        // speaker (the front-end constants case) and resample
        Path speaker = tmp.resolve("speaker");
        copy(TestKits.speaker().resolve("golden/frontend_constants.safetensors"),
                speaker.resolve("golden/frontend_constants.safetensors"), SAME, "surprise");
        copy(TestKits.speaker().resolve("resample/resample_16000_to_44100.safetensors"),
                speaker.resolve("resample/resample_16000_to_44100.safetensors"), SAME, "surprise");
        Files.createDirectories(speaker.resolve("tiny"));
        assertUncheckedFails(run(speaker, "speaker"), "speaker/frontend_constants");
        assertUncheckedFails(run(speaker, "resample"), "resample/resample_16000_to_44100");
    }

    private static void assertUncheckedFails(Run r, String failedCase) {
        assertEquals(1, r.result().failed(), r.out());
        assertTrue(r.out().contains("failed cases: " + failedCase + "\n"), r.out());
        assertTrue(r.out().contains("FAIL  " + failedCase + "  surprise") && r.out().contains("that no check covers"), r.out());
    }

    @Test
    void dacCodeMarginsAreCompared() throws Exception {
        Path dac = tmp.resolve("dac");
        Files.createDirectories(dac.resolve("tiny"));
        Files.copy(TestKits.dac().resolve("tiny/config.json"), dac.resolve("tiny/config.json"));
        Files.createSymbolicLink(dac.resolve("tiny/model.safetensors"), TestKits.dac().resolve("tiny/model.safetensors"));
        copy(TestKits.dac().resolve("golden/encode.safetensors"), dac.resolve("golden/encode.safetensors"),
                (name, v) -> {
                    if (name.equals("code_margins")) {
                        v[5] += 1e-3f;
                    }
                    return v;
                }, null);
        Run r = run(dac, "dac");
        assertEquals(1, r.result().failed(), r.out());
        assertTrue(r.out().contains("failed cases: dac/encode@model\n"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("FAIL") && l.contains("code_margins")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("PASS") && l.contains("audio_codes")), r.out());
    }

    @Test
    void nanAndLengthMismatchesFailTheirCheck() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        GoldenReport r = new GoldenReport(new PrintStream(buf, true, StandardCharsets.UTF_8));
        r.beginCase("c");
        assertFalse(r.close("nan", new float[] {1, 2}, new float[] {1, Float.NaN}, 1e9));
        assertFalse(r.close("nan in reference", new float[] {Float.NaN}, new float[] {0}, 1e9));
        assertFalse(r.close("short", new float[] {1, 2}, new float[] {1}, 1e9));
        assertFalse(r.close("inf", new float[] {Float.POSITIVE_INFINITY}, new float[] {Float.NEGATIVE_INFINITY}, 1e9));
        assertTrue(r.close("same inf", new float[] {Float.POSITIVE_INFINITY, 1}, new float[] {Float.POSITIVE_INFINITY, 1}, 0));
        assertFalse(r.exact("codes", new long[] {1, 2}, new long[] {1, 2, 3}));
        assertFalse(r.endCase());
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("NaN at index 1 (expected 2.0, got NaN)"), out);
        assertTrue(out.contains("NaN at index 0 (expected NaN, got 0.0)"), out);
        assertTrue(out.contains("length 1, expected 2"), out);
        assertTrue(out.contains("infinite mismatch at index 0: expected Infinity, got -Infinity"), out);
        assertTrue(out.contains("length 3, expected 2"), out);
        assertEquals(List.of("c"), r.failedCases());

        r.beginCase("nothing checked");
        assertFalse(r.endCase(), "a case that ran no check must not pass");
    }
}
