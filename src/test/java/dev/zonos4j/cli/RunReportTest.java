package dev.zonos4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zonos4j.TestKits;
import dev.zonos4j.audio.AudioClip;
import dev.zonos4j.audio.TestAudio;
import dev.zonos4j.audio.TestAudio.Encoding;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zonos speak --report run.json} end to end on the tiny models: every key of the report contract. */
class RunReportTest {
    static final String TEXT = "The first sentence is here. A second one follows it, somewhat longer than the first.\n\n"
            + "A new paragraph starts. And a last sentence closes it.";

    static final Set<String> TOP = Set.of("report_version", "seed", "mode", "language", "characters", "segment_count",
            "audio_seconds", "wall_seconds", "rtf", "frames", "sample_rate", "output", "warnings", "segments_flagged",
            "measure_seconds", "thresholds", "envelope", "segments", "joins", "join_bounds", "retries");
    static final Set<String> SEGMENT = Set.of("index", "seconds", "speech_seconds", "speech_ratio",
            "longest_silence_seconds", "phonemes", "phonemes_per_second", "loudness_lufs", "clipping_ratio",
            "loudness_step_lu", "start_seconds", "end_seconds", "paragraph_start", "voice_similarity",
            "similarity_to_previous", "seed", "takes", "verdict", "reasons");
    static final Set<String> THRESHOLDS = Set.of("min_rate", "max_rate", "min_speech_ratio", "max_silence",
            "max_segment_clipping", "max_loudness_step", "min_voice_similarity", "max_join_step", "max_join_high_band");

    @TempDir
    Path tmp;

    static Set<String> keys(JsonNode o) {
        Set<String> s = new TreeSet<>();
        o.fieldNames().forEachRemaining(s::add);
        return s;
    }

    @Test
    void theReportHoldsEveryKeyOfTheContract() throws IOException {
        float[] x = TestAudio.plusNoise(TestAudio.bursts(6, 0.3, 0.2, 0.03, 16000), 1e-7, 1);
        Path clip = TestAudio.writeWav(tmp.resolve("me.wav"), new AudioClip(new float[][] {x}, 16000), Encoding.PCM16);
        Path wav = tmp.resolve("out.wav");
        Path report = tmp.resolve("run.json");
        List<String> args = new ArrayList<>(List.of("speak", TEXT, "--model", TestKits.zonos().resolve("tiny").toString(),
                "--codec", TestKits.dac().resolve("tiny").toString(), "--speaker-model",
                TestKits.speaker().resolve("tiny").toString(), "--voice-store", tmp.resolve("v.db").toString(),
                "--voice", clip.toString(), "--max-frames", "30", "--seed", "7", "--quality-retry", "1",
                "--max-join-step", "2.5", "-o", wav.toString(), "--report", report.toString()));
        CliRun r = CliRun.zonos(args.toArray(String[]::new));
        assertEquals(0, r.status(), r.err());

        JsonNode o = new ObjectMapper().readTree(report.toFile());
        assertEquals(TOP, keys(o));
        assertEquals(2, o.get("report_version").asInt());
        assertEquals(44_100, o.get("sample_rate").asInt());
        assertEquals(wav.toString(), o.get("output").asText());
        assertEquals(THRESHOLDS, keys(o.get("thresholds")));
        assertEquals(2.5, o.get("thresholds").get("max_join_step").asDouble(), "thresholds are the options in force");
        assertEquals(2.5, o.get("join_bounds").get("sample_step").asDouble());
        double seconds = o.get("audio_seconds").asDouble();
        assertEquals((Files.size(wav) - 44) / 2 / 44_100.0, seconds, 1e-6);
        JsonNode envelope = o.get("envelope");
        assertEquals(100, envelope.get("points_per_second").asInt());
        assertEquals((int) Math.ceil(seconds * 100 - 1e-9), envelope.get("min").size());
        assertEquals(envelope.get("min").size(), envelope.get("max").size());

        JsonNode segments = o.get("segments");
        assertEquals(o.get("segment_count").asInt(), segments.size());
        assertTrue(segments.size() >= 2, "two paragraphs make at least two segments");
        boolean secondParagraph = false;
        double lastEnd = 0;
        for (JsonNode s : segments) {
            assertEquals(SEGMENT, keys(s), s.toString());
            int i = s.get("index").asInt();
            assertEquals(i == 0, s.get("similarity_to_previous").isNull(), s.toString());
            double similarity = s.get("voice_similarity").asDouble();
            assertTrue(s.get("voice_similarity").isNumber() && similarity >= -1 && similarity <= 1, s.toString());
            assertTrue(s.get("takes").asInt() >= 1);
            assertTrue(s.get("start_seconds").asDouble() >= lastEnd - 0.01, "segments in order: " + s);
            lastEnd = s.get("end_seconds").asDouble();
            secondParagraph |= i > 0 && s.get("paragraph_start").asBoolean();
        }
        assertTrue(segments.get(0).get("paragraph_start").asBoolean());
        assertTrue(secondParagraph, "the second paragraph's first segment is marked");
        assertTrue(lastEnd <= seconds + 1e-6);
        assertEquals(segments.size() - 1, o.get("joins").size(), "every join between audible segments is measured");
        for (JsonNode j : o.get("joins")) {
            assertEquals(Set.of("after_segment", "at_seconds", "sample_step", "high_band_ratio", "ok"), keys(j));
        }
        for (JsonNode retry : o.get("retries")) {
            assertEquals(Set.of("segment", "reasons", "seeds", "kept_seed", "kept_reasons"), keys(retry));
            assertEquals(2, retry.get("seeds").size(), "--quality-retry 1 makes one more take");
            assertTrue(r.err().contains("segment " + (retry.get("segment").asInt() + 1) + " retried ("), r.err());
        }
        assertTrue(r.err().contains("zonos: quality: "), r.err());
        assertFalse(Files.exists(tmp.resolve("run.json.partial")));

        // the report command draws what speak wrote
        Path png = tmp.resolve("run.png");
        Path html = tmp.resolve("run.html");
        CliRun drawn = CliRun.zonos("report", report.toString(), "-o", png.toString(), "--html", html.toString());
        assertEquals(0, drawn.status(), drawn.err());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1600, image.getWidth());
        assertEquals(1000, image.getHeight());
        String page = Files.readString(html);
        for (JsonNode s : segments) {
            assertTrue(page.contains(">" + (s.get("index").asInt() + 1) + "<"), "a row for segment " + s.get("index"));
        }
    }

    @Test
    void badQualityOptionsExitWithUsage() {
        for (String[] bad : List.of(new String[] {"--quality-retry", "11"}, new String[] {"--min-voice-similarity", "2"},
                new String[] {"--max-join-step", "0.5"})) {
            List<String> args = new ArrayList<>(List.of("speak", "Hello there.", "--model",
                    TestKits.zonos().resolve("tiny").toString(), "-o", tmp.resolve("x.wav").toString()));
            args.addAll(List.of(bad));
            CliRun r = CliRun.zonos(args.toArray(String[]::new));
            assertEquals(Main.EXIT_USAGE, r.status(), String.join(" ", bad) + " -> " + r.err());
            assertTrue(r.err().lines().count() <= 2, r.err());
        }
    }
}
