package dev.zonos4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.model.zonos.ZonosConfig;
import dev.zonos4j.weights.SafeTensors;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LmCommandsTest {

    @Test
    void randomModelThenBenchLm(@TempDir Path dir) {
        Path model = dir.resolve("m");
        assertEquals(0, Main.execute("debug", "random-model", "--config", "tiny", "--layers", "2", "--out", model.toString()));
        ZonosConfig cfg = ZonosConfig.read(model.resolve("config.json"));
        assertEquals(2, cfg.backbone().nLayer());
        assertTrue(SafeTensors.open(model.resolve("model.safetensors")).has("backbone.layers.1.mlp.fc2.weight"));
        String out = capture(() -> assertEquals(0, Main.execute("bench", "lm", "--model", model.toString(), "--batch", "2",
                "--steps", "2", "--warmup", "0", "--phonemes", "8", "--no-roofline")));
        assertTrue(out.contains("frames/s") && out.contains("ms/step"), out);
    }

    @Test
    void randomHybridModelThenBenchLm(@TempDir Path dir) {
        Path model = dir.resolve("h");
        assertEquals(0, Main.execute("debug", "random-model", "--config", "hybrid-tiny", "--layers", "5", "--out", model.toString()));
        ZonosConfig cfg = ZonosConfig.read(model.resolve("config.json"));
        assertTrue(cfg.backbone().hybrid());
        assertEquals(java.util.List.of(0, 4), cfg.backbone().attnLayerIdx());
        SafeTensors st = SafeTensors.open(model.resolve("model.safetensors"));
        assertTrue(st.has("backbone.layers.3.mixer.A_log") && st.has("backbone.layers.4.mlp.fc2.weight"));
        String out = capture(() -> assertEquals(0, Main.execute("bench", "lm", "--model", model.toString(), "--batch", "2",
                "--steps", "2", "--warmup", "0", "--phonemes", "8", "--no-roofline")));
        assertTrue(out.contains("frames/s") && out.contains("ms/step"), out);
    }

    @Test
    void badArgumentsExitWithUsageStatus(@TempDir Path dir) {
        assertEquals(Main.EXIT_USAGE, Main.execute("debug", "random-model", "--config", "nope", "--out", dir.toString()));
        assertEquals(Main.EXIT_ERROR, Main.execute("bench", "lm", "--model", dir.resolve("missing").toString(), "--no-roofline"));
    }

    private static String capture(Runnable r) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
