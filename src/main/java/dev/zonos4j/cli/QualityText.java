package dev.zonos4j.cli;

import dev.zonos4j.audio.ClipMeasures;
import dev.zonos4j.audio.QualityReport;
import java.io.PrintStream;
import java.util.Locale;

/** A quality report as aligned text lines. */
final class QualityText {

    private QualityText() {
    }

    static void print(QualityReport r, PrintStream out) {
        ClipMeasures m = r.measures();
        line(out, "duration", String.format(Locale.ROOT, "%.2f s (%d Hz, %s)", m.seconds(), m.sampleRate(), channels(m.channels())));
        line(out, "speech", String.format(Locale.ROOT, "%.2f s", m.speechSeconds()));
        line(out, "loudness", Double.isFinite(m.loudnessLufs())
                ? String.format(Locale.ROOT, "%.1f LUFS", m.loudnessLufs()) : "below -70 LUFS (silent)");
        line(out, "peak", Double.isFinite(m.peakDbfs()) ? String.format(Locale.ROOT, "%.1f dBFS", m.peakDbfs()) : "none (silent)");
        line(out, "clipping", String.format(Locale.ROOT, "%.3f %% of samples", 100 * m.clippingRatio()));
        line(out, "SNR (est.)", Double.isNaN(m.snrDb()) ? "n/a (no speech)"
                : m.snrDb() >= ClipMeasures.MAX_SNR_DB ? String.format(Locale.ROOT, "%.0f dB or more (no noise found)", m.snrDb())
                : String.format(Locale.ROOT, "%.1f dB", m.snrDb()));
        line(out, "verdict", r.verdict().name().toLowerCase(Locale.ROOT));
        for (String reason : r.reasons()) {
            out.println("    - " + reason);
        }
    }

    private static String channels(int n) {
        return n == 1 ? "mono" : n == 2 ? "stereo" : n + " channels";
    }

    private static void line(PrintStream out, String label, String value) {
        out.printf(Locale.ROOT, "  %-12s %s%n", label, value);
    }
}
