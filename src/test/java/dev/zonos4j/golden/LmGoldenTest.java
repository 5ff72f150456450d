package dev.zonos4j.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zonos4j.TestKits;
import dev.zonos4j.tensor.Backend;
import dev.zonos4j.tensor.Kernels;
import dev.zonos4j.util.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LmGoldenTest {
    @Test
    void everyLmCaseOfTheKitPasses() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        GoldenRunner.Result r = new GoldenRunner(List.of(new LmGolden())).run(TestKits.zonos(), "lm",
                new PrintStream(buf, true, StandardCharsets.UTF_8));
        String text = buf.toString(StandardCharsets.UTF_8);
        assertTrue(r.ok(), text);
        JsonNode index = Json.read(TestKits.zonos().resolve("cases/index.json"));
        assertEquals(index.size() + 1, r.passed(), "every indexed case plus unit_ops\n" + text);
        assertTrue(text.contains("codes ") && text.contains("decode_logits_final"), text);
    }

    @Test
    void theScalarReferenceKernelsPassToo() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        GoldenRunner.Result r = new GoldenRunner(List.of(new LmGolden(Kernels.scalar()))).run(TestKits.zonos(), "lm",
                new PrintStream(buf, true, StandardCharsets.UTF_8));
        assertTrue(r.ok(), buf.toString(StandardCharsets.UTF_8));
    }

    /** The fast path (native, bf16 activations) within its documented bounds (LmGolden.HIDDEN_TOL_FAST). */
    @Test
    void theNativeFastPathStaysWithinItsBounds() throws Exception {
        Backend selected = Backend.fromSystemProperty();
        org.junit.jupiter.api.Assumptions.assumeTrue(selected == Backend.AUTO || selected == Backend.NATIVE,
                "suite runs with -Dzonos.backend=" + selected);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        GoldenRunner.Result r = new GoldenRunner(List.of(new LmGolden(Backend.NATIVE.kernels()))).run(TestKits.zonos(), "lm",
                new PrintStream(buf, true, StandardCharsets.UTF_8));
        String text = buf.toString(StandardCharsets.UTF_8);
        assertTrue(r.ok(), text);
        assertTrue(text.contains("prefill_logits") && text.contains("agreement: first"), text);
        // greedy decoding of the short case keeps every code on the fast path
        assertTrue(text.matches("(?s).*gen_en_eos\\s+codes\\s+agreement: first (\\d+) of \\1 .*"), text);
    }
}
