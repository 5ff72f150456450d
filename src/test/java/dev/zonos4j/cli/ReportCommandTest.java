package dev.zonos4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zonos4j.cli.report.RunChart;
import dev.zonos4j.cli.report.RunReportFile;
import dev.zonos4j.util.Json;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    @TempDir
    Path tmp;

    /** Four segments over 9 s: where each lies, whether a paragraph starts there. */
    static final double[][] SPANS = {{0.0, 2.0}, {2.3, 4.5}, {5.2, 7.0}, {7.3, 9.0}};
    static final boolean[] PARAGRAPH = {true, false, true, false};

    /**
     * A version-2 run report as {@code speak --report} writes it: segment {@code flagged} flagged (-1: none),
     * segment 2's similarities null (not measured), three joins (the second over the bound), one retry.
     */
    static ObjectNode report(int flagged) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("report_version", 2).put("seed", 7).put("mode", "efficient").put("language", "en-us")
                .put("characters", 310).put("segment_count", 4).put("audio_seconds", 9.0).put("wall_seconds", 18.4)
                .put("rtf", 18.4 / 9.0).put("frames", 780).put("sample_rate", 44_100).putNull("output");
        o.putArray("warnings");
        o.put("segments_flagged", flagged >= 0 ? 1 : 0).put("measure_seconds", 0.02);
        int pps = 100;
        ObjectNode env = o.putObject("envelope").put("points_per_second", pps);
        ArrayNode min = env.putArray("min");
        ArrayNode max = env.putArray("max");
        for (int i = 0; i < 9 * pps; i++) {
            double t = i / (double) pps;
            boolean speech = false;
            for (double[] s : SPANS) {
                speech |= t >= s[0] + 0.1 && t < s[1] - 0.1;
            }
            double a = speech ? 0.3 + 0.2 * Math.abs(Math.sin(t * 3)) : 0.002;
            min.add(-a);
            max.add(a * 0.9);
        }
        ArrayNode segs = o.putArray("segments");
        for (int i = 0; i < SPANS.length; i++) {
            ObjectNode s = segs.addObject().put("index", i).put("seconds", SPANS[i][1] - SPANS[i][0])
                    .put("start_seconds", SPANS[i][0]).put("end_seconds", SPANS[i][1])
                    .put("paragraph_start", PARAGRAPH[i]).put("speech_seconds", SPANS[i][1] - SPANS[i][0] - 0.2)
                    .put("speech_ratio", 0.9).put("longest_silence_seconds", 0.1).put("phonemes", 30)
                    .put("phonemes_per_second", 14.5).put("loudness_lufs", -20.0 - i).put("clipping_ratio", 0.0)
                    .put("seed", 7000 + i).put("takes", i == 1 ? 2 : 1);
            if (i == 0) {
                s.putNull("loudness_step_lu");
            } else {
                s.put("loudness_step_lu", 1.0);
            }
            if (i == 2) {
                s.putNull("voice_similarity").putNull("similarity_to_previous");
            } else {
                s.put("voice_similarity", 0.8 - 0.05 * i);
                if (i == 0) {
                    s.putNull("similarity_to_previous");
                } else {
                    s.put("similarity_to_previous", 0.9);
                }
            }
            s.put("verdict", i == flagged ? "flagged" : "ok");
            ArrayNode reasons = s.putArray("reasons");
            if (i == flagged) {
                reasons.add("runaway: 4.1 phonemes/s <b>");
            }
        }
        ArrayNode joins = o.putArray("joins");
        for (int i = 0; i < 3; i++) {
            joins.addObject().put("after_segment", i).put("at_seconds", (SPANS[i][1] + SPANS[i + 1][0]) / 2)
                    .put("sample_step", i == 1 ? 0.4 : 0.01).put("high_band_ratio", i == 1 ? 9.0 : 1.1).put("ok", i != 1);
        }
        o.putObject("join_bounds").put("sample_step", 0.1).put("high_band_ratio", 4.0);
        ObjectNode retry = o.putArray("retries").addObject().put("segment", 1).put("kept_seed", 7002);
        retry.putArray("reasons").add("runaway: 3.2 phonemes/s");
        retry.putArray("seeds").add(7001).add(7002);
        o.putObject("thresholds").put("min-rate", 6.0);
        return o;
    }

    private Path write(String name, ObjectNode o) throws IOException {
        return Files.writeString(tmp.resolve(name), o.toPrettyString());
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertTrue(image != null, "not a decodable image");
        return image;
    }

    /** The translucent red of a flagged band over the white plot background (pink: red well above equal green and blue). */
    private static boolean red(int rgb) {
        int r = rgb >> 16 & 0xff;
        int g = rgb >> 8 & 0xff;
        int b = rgb & 0xff;
        return r > 180 && r - g > 25 && r - b > 25 && Math.abs(g - b) < 20;
    }

    /** Columns where a band runs down the panels (over 100 red pixels; marker label text has far fewer). */
    private static List<Integer> bandColumns(BufferedImage image) {
        List<Integer> columns = new ArrayList<>();
        for (int x = 0; x < image.getWidth(); x++) {
            int n = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                n += red(image.getRGB(x, y)) ? 1 : 0;
            }
            if (n > 100) {
                columns.add(x);
            }
        }
        return columns;
    }

    /** Vertical runs of red in column {@code x}, split where the red pauses for over 8 pixels (the gap between panels). */
    private static List<int[]> redRuns(BufferedImage image, int x) {
        List<int[]> runs = new ArrayList<>();
        int start = -1;
        int last = -100;
        for (int y = 0; y < image.getHeight(); y++) {
            if (red(image.getRGB(x, y))) {
                if (y - last > 8) {
                    if (start >= 0) {
                        runs.add(new int[] {start, last});
                    }
                    start = y;
                }
                last = y;
            }
        }
        if (start >= 0) {
            runs.add(new int[] {start, last});
        }
        return runs;
    }

    @Test
    void drawsThePictureWithTheFlaggedSegmentInRedAcrossEveryPanel() throws IOException {
        Path second = write("second.json", report(1));
        Path last = write("last.json", report(3));
        Path none = write("none.json", report(-1));
        Path a = tmp.resolve("second.png");
        CliRun r = CliRun.zonos("report", second.toString(), "-o", a.toString(), "--width", "1200", "--height", "900");
        assertEquals(0, r.status(), r.err());
        assertEquals("wrote " + a + " (1200 x 900)\n", r.out());
        BufferedImage image = decode(Files.readAllBytes(a));
        assertEquals(1200, image.getWidth());
        assertEquals(900, image.getHeight());

        List<Integer> band = bandColumns(image);
        assertFalse(band.isEmpty(), "no red band in the picture of a report with a flagged segment");
        assertEquals(band.getLast() - band.getFirst() + 1, band.size(), "the band should be one run of columns: " + band);
        int middle = band.get(band.size() / 2);
        List<int[]> runs = redRuns(image, middle);
        assertTrue(runs.size() >= 3, "the band should cross all three panels, found " + runs.size() + " red runs");
        assertTrue(runs.getFirst()[0] < 0.4 * image.getHeight() && runs.getLast()[1] > 0.7 * image.getHeight(),
                "the band should reach from the waveform panel to the similarity panel");

        assertEquals(0, CliRun.zonos("report", last.toString(), "-o", tmp.resolve("last.png").toString(),
                "--width", "1200", "--height", "900").status());
        List<Integer> lastBand = bandColumns(decode(Files.readAllBytes(tmp.resolve("last.png"))));
        assertFalse(lastBand.isEmpty());
        assertTrue(band.getLast() < lastBand.getFirst(), "segment 1's band should lie left of segment 3's");
        double widthRatio = band.size() / (double) lastBand.size();
        double expected = (SPANS[1][1] - SPANS[1][0]) / (SPANS[3][1] - SPANS[3][0]);
        assertEquals(expected, widthRatio, 0.1, "band widths should follow the segments' durations");

        assertEquals(0, CliRun.zonos("report", none.toString(), "-o", tmp.resolve("none.png").toString(),
                "--width", "1200", "--height", "900").status());
        assertEquals(List.of(), bandColumns(decode(Files.readAllBytes(tmp.resolve("none.png")))),
                "no segment flagged: no red band");
    }

    @Test
    void htmlEmbedsThePictureAndTablesEverySegmentRetryAndJoin() throws IOException {
        Path json = write("run.json", report(1));
        Path html = tmp.resolve("run.html");
        Path png = tmp.resolve("run.png");
        CliRun r = CliRun.zonos("report", json.toString(), "--html", html.toString(), "-o", png.toString());
        assertEquals(0, r.status(), r.err());
        String page = Files.readString(html);
        Matcher img = Pattern.compile("<img [^>]*src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(page);
        assertTrue(img.find(), "no embedded PNG in the page");
        byte[] embedded = Base64.getDecoder().decode(img.group(1));
        BufferedImage image = decode(embedded);
        assertEquals(1600, image.getWidth());
        assertEquals(1000, image.getHeight());
        assertTrue(java.util.Arrays.equals(embedded, Files.readAllBytes(png)), "the page should embed the same picture");

        String segments = table(page, "segments");
        assertEquals(1 + SPANS.length, count(segments, "<tr"), "a header and a row per segment");
        assertEquals(1, count(segments, "<tr class=\"flagged\">"));
        assertTrue(segments.contains("runaway: 4.1 phonemes/s &lt;b&gt;"), "reasons shown, escaped: " + segments);
        assertEquals(4, count(segments, "not measured"),
                "segment 2's two similarities, segment 0's loudness step and similarity to previous: " + segments);
        String retries = table(page, "retries");
        assertTrue(retries.contains("7001, 7002") && retries.contains("runaway: 3.2 phonemes/s"), retries);
        String joins = table(page, "joins");
        assertEquals(1 + 3, count(joins, "<tr"));
        assertEquals(1, count(joins, "<tr class=\"bad\">"));
        assertTrue(page.contains("<p>Bounds: sample_step 0.1, high_band_ratio 4.0</p>"), "join bounds shown");
        assertTrue(table(page, "thresholds").contains("<tr><th>min-rate</th><td>6.0</td></tr>"), "thresholds shown");
    }

    @Test
    void aPanelWithNothingMeasuredSaysSo() throws IOException {
        ObjectNode o = report(1);
        for (var s : o.get("segments")) {
            ((ObjectNode) s).putNull("voice_similarity").putNull("similarity_to_previous");
        }
        JFreeChart chart = RunChart.of(RunReportFile.read(write("no-voice.json", o)));
        List<XYPlot> panels = ((CombinedDomainXYPlot) chart.getXYPlot()).getSubplots();
        assertEquals(3, panels.size());
        assertEquals(0, panels.get(2).getDataset().getSeriesCount(), "no similarity values: no line to draw");
        assertEquals("voice similarity not measured (no reference voice or no speaker model)",
                panels.get(2).getNoDataMessage());
        assertEquals(1, panels.get(1).getDataset().getSeriesCount(), "loudness was measured");
        assertEquals(1, panels.get(2).getDomainMarkers(Layer.BACKGROUND).size(), "the flagged band is still drawn");
    }

    private static String table(String page, String id) {
        int at = page.indexOf("<table id=\"" + id + "\">");
        assertTrue(at >= 0, "no table " + id);
        return page.substring(at, page.indexOf("</table>", at));
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private void assertRefused(Path json, String expected, String... more) {
        Path png = tmp.resolve("out.png");
        List<String> args = new ArrayList<>(List.of("report", json.toString(), "-o", png.toString()));
        args.addAll(List.of(more));
        CliRun r = CliRun.zonos(args.toArray(String[]::new));
        assertEquals(Main.EXIT_USAGE, r.status(), r.err());
        assertEquals("zonos: " + expected + "\n", r.err());
        assertFalse(Files.exists(png) || Files.exists(tmp.resolve("out.png.partial")), "nothing may be written");
    }

    @Test
    void aCorruptOrIncompleteReportExitsTwoNamingTheFileAndTheKey() throws IOException {
        for (String key : new String[] {"report_version", "segments", "envelope"}) {
            ObjectNode o = report(1);
            o.remove(key);
            Path f = write("no-" + key + ".json", o);
            assertRefused(f, "report " + f + ": missing key '" + key + "'");
        }
        ObjectNode noMax = report(1);
        ((ObjectNode) noMax.get("envelope")).remove("max");
        Path f = write("no-max.json", noMax);
        assertRefused(f, "report " + f + ": missing key 'envelope.max'");

        ObjectNode noStart = report(1);
        ((ObjectNode) noStart.get("segments").get(2)).remove("start_seconds");
        f = write("no-start.json", noStart);
        assertRefused(f, "report " + f + ": missing key 'segments[2].start_seconds'");

        ObjectNode v3 = report(1).put("report_version", 3);
        f = write("v3.json", v3);
        assertRefused(f, "report " + f + ": report_version 3 is not supported (this zonos reads version 2)");

        Path cut = Files.writeString(tmp.resolve("cut.json"), "{\"report_version\": 2,\n \"segments\": [ {\"index\": 0");
        CliRun r = CliRun.zonos("report", cut.toString(), "-o", tmp.resolve("out.png").toString());
        assertEquals(Main.EXIT_USAGE, r.status());
        assertTrue(r.err().startsWith("zonos: report " + cut + ": not valid JSON at line 2, column "), r.err());
        assertEquals(1, r.err().lines().count(), r.err());

        Path missing = tmp.resolve("absent.json");
        assertRefused(missing, "report " + missing + ": file not found");
    }

    @Test
    void anUnwritableOutputExitsTwoBeforeDrawing() throws IOException {
        Path json = write("run.json", report(1));
        Path nowhere = tmp.resolve("no-such-folder").resolve("run.png");
        CliRun r = CliRun.zonos("report", json.toString(), "-o", nowhere.toString());
        assertEquals(Main.EXIT_USAGE, r.status());
        assertEquals("zonos: cannot write " + nowhere + ": folder " + nowhere.getParent() + " does not exist\n", r.err());
        Path page = tmp.resolve("gone").resolve("run.html");
        r = CliRun.zonos("report", json.toString(), "--html", page.toString());
        assertEquals(Main.EXIT_USAGE, r.status());
        assertEquals("zonos: cannot write " + page + ": folder " + page.getParent() + " does not exist\n", r.err());
        r = CliRun.zonos("report", json.toString());
        assertEquals(Main.EXIT_USAGE, r.status());
        assertEquals("zonos: report: give -o FILE.png, --html FILE.html, or both\n", r.err());
    }
}
