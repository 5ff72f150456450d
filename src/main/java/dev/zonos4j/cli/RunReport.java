package dev.zonos4j.cli;

import dev.zonos4j.audio.quality.RetryRecord;
import dev.zonos4j.engine.SpeechReport;
import dev.zonos4j.util.InvalidInputException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * {@code zonos speak --report run.json}: the run's report (every segment's quality measures and verdict, joins,
 * voice similarity, seeds, retries, settings and timings). The file appears whole when the run ends (written
 * aside, then moved).
 */
final class RunReport {

    private RunReport() {
    }

    /** Fails before any model loads when the report cannot be written where asked. */
    static void checkWritable(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new InvalidInputException("cannot write report " + file + ": folder " + parent + " does not exist");
        }
    }

    static void write(Path file, SpeechReport report) {
        Path tmp = file.resolveSibling(file.getFileName() + ".partial");
        try {
            Files.writeString(tmp, report.toJson().toPrettyString() + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report " + file + ": " + e.getMessage(), e);
        }
    }

    /** The quality summary: flagged segments, clicks, the measuring cost and each retry with its reasons. */
    static void summary(PrintStream err, SpeechReport r, Path file) {
        var q = r.quality();
        long clicks = q.joins().stream().filter(j -> !j.ok()).count();
        err.printf(Locale.ROOT, "zonos: quality: %d of %d segments flagged, %d of %d joins over the click bounds, "
                        + "%d segments retried (measured in %.2f s)%s%n", q.flagged(), q.segments().size(), clicks,
                q.joins().size(), q.retries().size(), q.measureSeconds(), file == null ? "" : "; report " + file);
        for (RetryRecord retry : q.retries()) {
            err.println("zonos: " + retry.describe());
        }
    }
}
