package dev.zonos4j.cli;

import dev.zonos4j.cli.report.BenchChart;
import dev.zonos4j.engine.SpeechResult;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/** The efficiency table of {@code bench longform}, one row per text length, as Markdown (pastes into notes as is). */
final class LongformTable {
    private static final String NONE = "–";

    private LongformTable() {
    }

    /**
     * One text length: its runs (null where the mode was not run) and the process's peak resident memory over both
     * (empty where it could not be measured from the start of this length).
     */
    record Row(int characters, SpeechResult standard, SpeechResult efficient, OptionalLong peakResidentBytes) {
        double speedup() {
            return standard == null || efficient == null ? Double.NaN : standard.wallSeconds() / efficient.wallSeconds();
        }

        long peakKvBytes() {
            return Math.max(standard == null ? 0 : standard.peakKvBytes(), efficient == null ? 0 : efficient.peakKvBytes());
        }
    }

    static String format(List<Row> rows) {
        StringBuilder t = new StringBuilder("| text chars | standard s | efficient s | speedup | RTF standard | RTF efficient"
                + " | peak memory (RSS) | peak KV cache |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            t.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s | %.1f MB |%n", r.characters(),
                    seconds(r.standard()), seconds(r.efficient()),
                    Double.isNaN(r.speedup()) ? NONE : String.format(Locale.ROOT, "%.2fx", r.speedup()),
                    rtf(r.standard()), rtf(r.efficient()),
                    r.peakResidentBytes().isPresent()
                            ? String.format(Locale.ROOT, "%.2f GB", r.peakResidentBytes().getAsLong() / 1e9) : "not measured",
                    r.peakKvBytes() / 1e6));
        }
        return t.toString();
    }

    /** The rows as the chart's points (both modes were run: {@code --chart} asks for it). */
    static List<BenchChart.Point> points(List<Row> rows) {
        return rows.stream().map(r -> new BenchChart.Point(r.characters(), r.speedup(), r.standard().rtf(),
                r.efficient().rtf())).toList();
    }

    private static String seconds(SpeechResult r) {
        return r == null ? NONE : String.format(Locale.ROOT, "%.2f", r.wallSeconds());
    }

    private static String rtf(SpeechResult r) {
        return r == null ? NONE : String.format(Locale.ROOT, "%.2f", r.rtf());
    }
}
