package dev.zonos4j.golden;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zonos4j.TestKits;
import dev.zonos4j.tensor.Backend;
import dev.zonos4j.tensor.Kernels;
import dev.zonos4j.tensor.onednn.OneDnn;
import dev.zonos4j.util.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HybridGoldenTest {
    @Test
    void everyCaseOfTheHybridKitPasses() throws Exception {
        String text = run(new HybridGolden(), TestKits.zonosHybrid(), true);
        JsonNode index = Json.read(TestKits.zonosHybrid().resolve("cases/index.json"));
        assertTrue(text.endsWith(index.size() + " passed, 0 failed\n"), text);
        for (String t : List.of("prefill_layer_1_mamba_y", "prefill_state_layer_1_ssm", "prefill_state_layer_4_k",
                "decode1_layer_5_output", "split_state_layer_5_conv", "b_step_output", "ssd_final_state", "attn_out", "codes ")) {
            assertTrue(text.contains(t), t + "\n" + text);
        }
    }

    @Test
    void theScalarReferenceKernelsPassToo() throws Exception {
        run(new HybridGolden(Kernels.scalar()), TestKits.zonosHybrid(), true);
    }

    /** The fast path (native, bf16 activations into the matmuls; states stay f32) within its documented bounds. */
    @Test
    void theNativeFastPathStaysWithinItsBounds() throws Exception {
        Backend selected = Backend.fromSystemProperty();
        Assumptions.assumeTrue(selected == Backend.AUTO || selected == Backend.NATIVE, "suite runs with -Dzonos.backend=" + selected);
        Assumptions.assumeTrue(OneDnn.available(), "oneDNN does not load on this machine");
        String text = run(new HybridGolden(Backend.NATIVE.kernels()), TestKits.zonosHybrid(), true);
        assertTrue(text.contains("prefill_state_layer_1_ssm") && text.contains("agreement: first"), text);
    }

    @Test
    void anUnknownKindAndAnUncheckedTensorFail(@TempDir Path dir) throws Exception {
        Path kit = dir.resolve("kit");
        Files.createDirectories(kit.resolve("cases"));
        copyTree(TestKits.zonosHybrid().resolve("tiny"), kit.resolve("tiny"));
        Path cases = TestKits.zonosHybrid().resolve("cases");
        Files.copy(cases.resolve("unit_ops.safetensors"), kit.resolve("cases/unit_ops.safetensors"));
        Files.copy(cases.resolve("unit_ops.safetensors"), kit.resolve("cases/odd.safetensors"));
        Files.writeString(kit.resolve("cases/unit_ops.json"), "{\"case\": \"unit_ops\", \"kind\": \"unit\"}");
        Files.writeString(kit.resolve("cases/odd.json"), "{\"case\": \"odd\", \"kind\": \"chunked_magic\"}");
        Files.writeString(kit.resolve("cases/index.json"), "[{\"case\": \"unit_ops\"}, {\"case\": \"odd\"}]");
        String text = run(new HybridGolden(), kit, false);
        assertTrue(text.contains("unknown case kind 'chunked_magic'"), text);
        assertTrue(text.contains("tensor in the case file that no check covers"), text);
        assertTrue(text.contains("CASE PASS hybrid/unit_ops"), text);
    }

    private static String run(GoldenComponent c, Path kit, boolean ok) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        GoldenRunner.Result r = new GoldenRunner(List.of(c)).run(kit, "hybrid", new PrintStream(buf, true, StandardCharsets.UTF_8));
        String text = buf.toString(StandardCharsets.UTF_8);
        if (ok) {
            assertTrue(r.ok(), text);
        } else {
            assertFalse(r.ok(), text);
        }
        return text;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var s = Files.list(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Files.copy(p, to.resolve(p.getFileName()));
            }
        }
    }
}
