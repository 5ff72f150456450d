package dev.zonos4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.TestKits;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchLongformCommandTest {
    @TempDir
    Path tmp;

    private static List<String> bench(Path model, String... more) {
        List<String> a = new ArrayList<>(List.of("bench", "longform", "--model", model.toString(),
                "--codec", TestKits.dac().resolve("tiny").toString(), "--precision", "f32", "--max-frames", "12",
                "--max-batch", "2"));
        a.addAll(List.of(more));
        return a;
    }

    private static CliRun run(List<String> args) {
        return CliRun.zonos(args.toArray(String[]::new));
    }

    /** A table row: | chars | standard s | efficient s | speedup | RTF std | RTF eff | peak RSS | peak KV |. */
    static final Pattern ROW = Pattern.compile("^\\| (\\d+) \\| ([0-9.]+) \\| ([0-9.]+) \\| ([0-9.]+)x \\| ([0-9.]+) \\| "
            + "([0-9.]+) \\| ([0-9.]+ GB|not measured) \\| ([0-9.]+) MB \\|$", Pattern.MULTILINE);

    @Test
    void runsBothModesForEachLengthInOneProcessAndDrawsTheChart() throws IOException {
        Path chart = tmp.resolve("bench.png");
        CliRun r = run(bench(TestKits.zonos().resolve("tiny"), "--lengths", "60, 200", "--chart", chart.toString()));
        assertEquals(0, r.status(), r.err() + r.out());
        String out = r.out();
        assertTrue(out.contains("| text chars | standard s | efficient s | speedup | RTF standard | RTF efficient"
                + " | peak memory (RSS) | peak KV cache |"), out);
        assertEquals(1, out.split("backend: ", -1).length - 1, "the models load once: " + out);
        Matcher m = ROW.matcher(out);
        List<Integer> chars = new ArrayList<>();
        while (m.find()) {
            chars.add(Integer.parseInt(m.group(1)));
            double standard = Double.parseDouble(m.group(2));
            double efficient = Double.parseDouble(m.group(3));
            double speedup = Double.parseDouble(m.group(4));
            assertTrue(standard > 0 && efficient > 0 && Double.parseDouble(m.group(5)) > 0
                    && Double.parseDouble(m.group(6)) > 0, m.group());
            // the table's columns are rounded to 0.01 s and 0.01x: the speedup must be their ratio within that rounding
            double low = (standard - 0.005) / (efficient + 0.005);
            double high = (standard + 0.005) / Math.max(efficient - 0.005, 1e-9);
            assertTrue(speedup >= low - 0.01 && speedup <= high + 0.01, "speedup " + speedup + " vs " + m.group());
        }
        assertEquals(2, chars.size(), "one row per length: " + out);
        assertTrue(chars.get(0) <= 60 && chars.get(0) > 30 && chars.get(1) <= 200 && chars.get(1) > 150, chars.toString());
        assertEquals(2, out.split("standard  ", -1).length - 1, "standard ran for each length: " + out);
        assertTrue(out.contains("wrote " + chart), out);
        BufferedImage image = ImageIO.read(chart.toFile());
        assertTrue(image != null, "the chart is not a decodable PNG");
        assertEquals(1000, image.getWidth());
        assertEquals(700, image.getHeight());
    }

    private void assertRefused(String expected, String... more) {
        // a model folder that does not exist: these must fail on the options, before any model loads
        CliRun r = run(bench(tmp.resolve("no-model"), more));
        assertEquals(Main.EXIT_USAGE, r.status(), r.err());
        assertEquals("zonos: " + expected + "\n", r.err());
    }

    @Test
    void badLengthsOrChartExitTwoWithOneLineBeforeLoadingAnything() {
        assertRefused("--lengths is empty: give text lengths in characters, e.g. --lengths 100,500,1000", "--lengths", "");
        assertRefused("--lengths: 'abc' is not a whole number of characters (in '100,abc')", "--lengths", "100,abc");
        assertRefused("--lengths: '' is not a whole number of characters (in '100,,200')", "--lengths", "100,,200");
        assertRefused("--lengths: 0 is not a text length; each must be at least 1 character", "--lengths", "100,0");
        assertRefused("--lengths: -5 is not a text length; each must be at least 1 character", "--lengths", "-5");
        assertRefused("--chart draws the speedup of efficient over standard: it needs --mode both",
                "--lengths", "100", "--mode", "efficient", "--chart", tmp.resolve("c.png").toString());
        Path nowhere = tmp.resolve("missing").resolve("c.png");
        assertRefused("cannot write " + nowhere + ": folder " + nowhere.getParent() + " does not exist",
                "--lengths", "100", "--chart", nowhere.toString());
        assertFalse(Files.exists(tmp.resolve("c.png")));
    }
}
