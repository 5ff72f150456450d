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

    private static GoldenComponent component(String name, Kit kit, Body... bodies) {
        return new GoldenComponent() {
            public String name() {
                return name;
            }

            public Kit kit() {
                return kit;
            }

            public List<GoldenCase> cases(Path kitDir) {
                if (bodies.length == 1 && bodies[0] == null) {
                    throw new UnsupportedOperationException(name + " cannot run on " + kitDir.getFileName());
                }
                java.util.ArrayList<GoldenCase> out = new java.util.ArrayList<>();
                for (int i = 0; i < bodies.length; i++) {
                    out.add(golden("case" + i, bodies[i]));
                }
                return out;
            }
        };
    }

    private static GoldenRunner.Result run(GoldenRunner runner, Path dir, String component, ByteArrayOutputStream buf)
            throws Exception {
        return runner.run(dir, component, new PrintStream(buf, true, StandardCharsets.UTF_8));
    }

    @Test
    void eachWayOfCheckingNothingIsAProblemWithItsReason(@TempDir Path empty) throws Exception {
        Body passing = r -> r.exact("x", new long[] {1}, new long[] {1});
        GoldenRunner runner = new GoldenRunner(List.of(component("lmish", Kit.ZONOS, passing),
                component("dacish", Kit.DAC, passing), component("none", Kit.ZONOS), component("refuses", Kit.ZONOS, (Body) null)));
        assertEquals(List.of("lmish", "dacish", "none", "refuses"), runner.componentNames());

        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Path missing = empty.resolve("nowhere");
        GoldenRunner.Result r = run(runner, missing, null, buf);
        assertEquals(List.of("kit folder " + missing + " does not exist"), r.problems());
        assertFalse(r.ok());

        r = run(runner, TestKits.root(), "nope", new ByteArrayOutputStream());
        assertEquals(List.of("unknown component 'nope'; known: lmish, dacish, none, refuses"), r.problems());

        r = run(runner, TestKits.zonos(), "dacish", new ByteArrayOutputStream());
        assertEquals(List.of("component 'dacish' needs a dac kit, and none was found under " + TestKits.zonos()), r.problems());
        assertEquals(0, r.passed());

        r = run(runner, TestKits.zonos(), "none", new ByteArrayOutputStream());
        assertEquals(List.of("component 'none': no cases found in " + TestKits.zonos()), r.problems());
        assertFalse(r.ok());

        r = run(runner, TestKits.zonos(), "refuses", new ByteArrayOutputStream());
        assertEquals(List.of("refuses cannot run on " + TestKits.zonos().getFileName()), r.problems());

        r = run(runner, empty, null, new ByteArrayOutputStream());
        assertEquals(List.of(empty + " is neither a reference kit (zonos, zonos-hybrid, dac or speaker layout) nor a folder holding kits"),
                r.problems());

        ByteArrayOutputStream one = new ByteArrayOutputStream();
        r = run(runner, TestKits.zonos(), "lmish", one);
        assertTrue(r.ok(), one.toString(StandardCharsets.UTF_8));
        assertEquals(1, r.passed());
        // All components over a kit of one kind: only those of that kind run, and a kind with no kit is no problem.
        r = run(new GoldenRunner(List.of(component("lmish", Kit.ZONOS, passing), component("dacish", Kit.DAC, passing))),
                TestKits.zonos(), null, new ByteArrayOutputStream());
        assertTrue(r.ok());
        assertEquals(1, r.passed());
    }

    @Test
    void aCaseThatThrowsFailsWithTheExceptionNamed() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        GoldenRunner runner = new GoldenRunner(List.of(component("boom", Kit.ZONOS, r -> {
            throw new IllegalStateException("kaput");
        }, r -> {
            throw new AssertionError("assertion kaput");
        })));
        GoldenRunner.Result r = run(runner, TestKits.zonos(), null, buf);
        assertEquals(2, r.failed());
        assertFalse(r.ok());
        String text = buf.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("IllegalStateException: kaput") && text.contains("AssertionError: assertion kaput"), text);
        assertTrue(text.contains("failed cases: boom/case0, boom/case1\n"), text);
    }
}
