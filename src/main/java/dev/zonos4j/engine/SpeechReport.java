package dev.zonos4j.engine;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.zonos4j.audio.quality.RunQuality;
import java.util.List;

/**
 * The run report (README, "Run report"): the run's settings and timings, every segment's measures and verdict,
 * every join, the waveform overview, the thresholds, seeds and retries. {@link #toJson} is the file
 * {@code zonos speak --report} writes and the {@code speech.report} event the server sends last.
 *
 * @param output where the audio went (a file name), or null
 */
public record SpeechReport(long seed, String mode, String language, int characters, int segmentCount,
                           double audioSeconds, double wallSeconds, long frames, List<String> warnings, int sampleRate,
                           String output, RunQuality.Summary quality) {

    /** Bumped when a key changes meaning; readers refuse what they do not know. */
    public static final int VERSION = 2;

    public SpeechReport {
        warnings = List.copyOf(warnings);
    }

    public SpeechReport withOutput(String path) {
        return new SpeechReport(seed, mode, language, characters, segmentCount, audioSeconds, wallSeconds, frames,
                warnings, sampleRate, path, quality);
    }

    public double rtf() {
        return audioSeconds > 0 ? wallSeconds / audioSeconds : Double.NaN;
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("report_version", VERSION);
        o.put("seed", seed).put("mode", mode).put("language", language).put("characters", characters)
                .put("segment_count", segmentCount).put("audio_seconds", audioSeconds).put("wall_seconds", wallSeconds);
        if (Double.isFinite(rtf())) {
            o.put("rtf", rtf());
        } else {
            o.putNull("rtf");
        }
        o.put("frames", frames).put("sample_rate", sampleRate);
        if (output == null) {
            o.putNull("output");
        } else {
            o.put("output", output);
        }
        o.putArray("warnings").addAll(warnings.stream().map(TextNode::valueOf).toList());
        o.setAll(quality.toJson());
        return o;
    }
}
