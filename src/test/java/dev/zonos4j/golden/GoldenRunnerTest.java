package dev.zonos4j.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.TestKits;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenRunnerTest {

    @Test
    void recognisesEachKitAndTheRoot() throws Exception {
        assertEquals(Kit.ZONOS, Kit.identify(TestKits.zonos()));
        assertEquals(Kit.HYBRID, Kit.identify(TestKits.zonosHybrid()));
        assertEquals(Kit.DAC, Kit.identify(TestKits.dac()));
        assertEquals(Kit.SPEAKER, Kit.identify(TestKits.speaker()));
        assertEquals(4, Kit.discover(TestKits.root()).size());
    }

    @Test
    void unknownComponentAndEmptyFolderFail(@TempDir Path empty) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        assertFalse(GoldenRunner.standard().run(TestKits.root(), "nope", out).ok());
        assertFalse(GoldenRunner.standard().run(empty, null, out).ok());
        assertTrue(buf.toString(StandardCharsets.UTF_8).contains("0 passed, 0 failed"));
    }

    @Test
    void aFailingCheckFailsItsCase() throws Exception {
        GoldenComponent c = new GoldenComponent() {
            public String name() {
                return "fake";
            }

            public Kit kit() {
                return Kit.ZONOS;
            }

            public List<GoldenCase> cases(Path kitDir) {
                return List.of(golden("good", r -> r.close("t", new float[] {1f}, new float[] {1.00001f}, 1e-4)),
                        golden("bad", r -> r.exact("codes", new long[] {1, 2}, new long[] {1, 3})));
            }
        };
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        GoldenRunner.Result r = new GoldenRunner(List.of(c)).run(TestKits.zonos(), "fake",
                new PrintStream(buf, true, StandardCharsets.UTF_8));
        assertEquals(1, r.passed());
        assertEquals(1, r.failed());
        String text = buf.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("fake/bad") && text.endsWith("1 passed, 1 failed\n"), text);
    }

    private interface Body {
        void run(GoldenReport r);
    }

    private static GoldenCase golden(String name, Body body) {
        return new GoldenCase() {
            public String name() {
                return name;
            }

            public void run(GoldenReport r) {
                body.run(r);
            }
        };
    }
}
