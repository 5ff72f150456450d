package dev.zonos4j.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.zonos4j.audio.quality.RunQuality;
import dev.zonos4j.audio.quality.SegmentThresholds;
import dev.zonos4j.engine.SpeechListener;
import dev.zonos4j.engine.SpeechOptions;
import dev.zonos4j.engine.SpeechResult;
import dev.zonos4j.util.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * {@code zonos speak --report run.json}: every segment's quality measures and verdict, the run's settings and
 * timings. Listens beside the progress bar; the file appears whole when the run ends (written aside, then moved).
 */
final class RunReport implements SpeechListener {
    private final Path file;
    private final SpeechListener inner;
    private final RunQuality quality = new RunQuality(SegmentThresholds.DEFAULTS);

    RunReport(Path file, SpeechListener inner) {
        this.file = file;
        this.inner = inner;
    }

    /** Fails before any model loads when the report cannot be written where asked. */
    static void checkWritable(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new InvalidInputException("cannot write report " + file + ": folder " + parent + " does not exist");
        }
    }

    @Override
    public void planned(int segments, int characters) {
        inner.planned(segments, characters);
    }

    @Override
    public void segmentGenerated(int index, int frames) {
        inner.segmentGenerated(index, frames);
    }

    @Override
    public void segmentAudio(int index, float[] samples, int sampleRate, int phonemes) {
        quality.add(index, samples, sampleRate, phonemes);
    }

    RunQuality quality() {
        return quality;
    }

    void write(SpeechOptions options, SpeechResult r) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("seed", options.seed()).put("mode", r.mode()).put("language", options.language());
        o.put("characters", r.characters()).put("segment_count", r.segments()).put("audio_seconds", r.audioSeconds())
                .put("wall_seconds", r.wallSeconds()).put("rtf", r.rtf()).put("frames", r.frames());
        o.putArray("warnings").addAll(r.warnings().stream().map(TextNode::valueOf).toList());
        o.setAll(quality.toJson());
        Path tmp = file.resolveSibling(file.getFileName() + ".partial");
        try {
            Files.writeString(tmp, o.toPrettyString() + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report " + file + ": " + e.getMessage(), e);
        }
    }

    String summary() {
        long flagged = quality.verdicts().stream().filter(RunQuality.Verdict::flagged).count();
        return String.format(Locale.ROOT, "report %s: %d of %d segments flagged (measured in %.2f s)", file, flagged,
                quality.verdicts().size(), quality.measureSeconds());
    }
}
