package dev.zonos4j.cli.report;

import dev.zonos4j.cli.report.RunReportFile.Join;
import dev.zonos4j.cli.report.RunReportFile.Retry;
import dev.zonos4j.cli.report.RunReportFile.Segment;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** One self-contained HTML page of a run: the picture (base64 PNG) and tables of segments, retries and joins. */
public final class RunHtml {
    static final String NOT_MEASURED = "not measured";

    private RunHtml() {
    }

    public static String page(RunReportFile r, byte[] png) {
        StringBuilder h = new StringBuilder(png.length * 4 / 3 + 8192);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(esc(r.file().getFileName().toString())).append(" · Zonos4J run report</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:1.5em;color:#222}img{max-width:100%;border:1px solid #ccc}\n")
                .append("table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{border:1px solid #ccc;padding:.25em .5em;")
                .append("text-align:right}th{background:#f0f0f0}td.text{text-align:left}\n")
                .append("tr.flagged td{background:#fde0e0}tr.bad td{background:#fdebd0}.nm{color:#888;font-style:italic}\n")
                .append("</style></head><body>\n<h1>").append(esc(RunChart.title(r))).append("</h1>\n");
        if (!r.warnings().isEmpty()) {
            h.append("<ul class=\"warnings\">");
            r.warnings().forEach(w -> h.append("<li>").append(esc(w)).append("</li>"));
            h.append("</ul>\n");
        }
        h.append("<img alt=\"waveform, loudness and voice similarity per segment\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\">\n");
        segments(h, r.segments());
        retries(h, r.retries());
        joins(h, r.joins(), r.joinBounds());
        settings(h, "Thresholds", "thresholds", r.thresholds());
        return h.append("</body></html>\n").toString();
    }

    private static void segments(StringBuilder h, List<Segment> segments) {
        h.append("<h2>Segments</h2>\n<table id=\"segments\"><tr><th>#</th><th>start s</th><th>end s</th><th>paragraph</th>")
                .append("<th>verdict</th><th>reasons</th><th>loudness LUFS</th><th>step LU</th><th>similarity</th>")
                .append("<th>to previous</th><th>speech ratio</th><th>phonemes/s</th><th>takes</th><th>seed</th></tr>\n");
        for (Segment s : segments) {
            h.append(s.flagged() ? "<tr class=\"flagged\">" : "<tr>")
                    .append(td(Integer.toString(s.index() + 1))).append(td(fixed(s.startSeconds(), 2)))
                    .append(td(fixed(s.endSeconds(), 2))).append(td(s.paragraphStart() ? "new" : ""))
                    .append(td(s.flagged() ? "flagged" : "ok"))
                    .append("<td class=\"text\">").append(esc(String.join("; ", s.reasons()))).append("</td>")
                    .append(td(s.loudnessLufs(), 1)).append(td(s.loudnessStepLu(), 1)).append(td(s.voiceSimilarity(), 3))
                    .append(td(s.similarityToPrevious(), 3)).append(td(s.speechRatio(), 2))
                    .append(td(s.phonemesPerSecond(), 1)).append(td(Integer.toString(s.takes())))
                    .append(s.seed() == null ? nm() : td(Long.toString(s.seed()))).append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void retries(StringBuilder h, List<Retry> retries) {
        h.append("<h2>Retries</h2>\n");
        if (retries.isEmpty()) {
            h.append("<p>No segment was generated again.</p>\n");
            return;
        }
        h.append("<table id=\"retries\"><tr><th>segment</th><th>why</th><th>seeds tried</th><th>seed kept</th></tr>\n");
        for (Retry r : retries) {
            h.append("<tr>").append(td(Integer.toString(r.segment() + 1)))
                    .append("<td class=\"text\">").append(esc(String.join("; ", r.reasons()))).append("</td>")
                    .append(td(r.seeds().stream().map(String::valueOf).collect(Collectors.joining(", "))))
                    .append(r.keptSeed() == null ? nm() : td(Long.toString(r.keptSeed()))).append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void joins(StringBuilder h, List<Join> joins, Map<String, String> bounds) {
        h.append("<h2>Joins</h2>\n");
        if (!bounds.isEmpty()) {
            h.append("<p>Bounds: ").append(esc(bounds.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", ")))).append("</p>\n");
        }
        if (joins.isEmpty()) {
            h.append("<p>No joins (one segment).</p>\n");
            return;
        }
        h.append("<table id=\"joins\"><tr><th>after segment</th><th>at s</th><th>sample step</th>")
                .append("<th>high-band ratio</th><th>within bounds</th></tr>\n");
        for (Join j : joins) {
            h.append(j.ok() ? "<tr>" : "<tr class=\"bad\">").append(td(Integer.toString(j.afterSegment() + 1)))
                    .append(td(fixed(j.atSeconds(), 2))).append(td(j.sampleStep(), 4)).append(td(j.highBandRatio(), 4))
                    .append(td(j.ok() ? "yes" : "no")).append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void settings(StringBuilder h, String title, String id, Map<String, String> settings) {
        if (settings.isEmpty()) {
            return;
        }
        h.append("<h2>").append(title).append("</h2>\n<table id=\"").append(id).append("\">");
        settings.forEach((k, v) -> h.append("<tr><th>").append(esc(k)).append("</th>").append(td(v)).append("</tr>"));
        h.append("</table>\n");
    }

    private static String td(String text) {
        return "<td>" + esc(text) + "</td>";
    }

    private static String td(Double v, int decimals) {
        return v == null ? nm() : td(fixed(v, decimals));
    }

    private static String nm() {
        return "<td class=\"nm\">" + NOT_MEASURED + "</td>";
    }

    private static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
