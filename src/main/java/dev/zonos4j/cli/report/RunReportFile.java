package dev.zonos4j.cli.report;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.zonos4j.util.InvalidInputException;
import dev.zonos4j.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run report ({@code zonos speak --report run.json}, version 2) read back for drawing. Measures that are null in
 * the file ("not measured") are null here; a missing required key or a wrong type is an error naming the file and
 * the key, so a truncated or hand-edited file never draws a misleading picture.
 */
public record RunReportFile(Path file, String mode, long seed, String language, double audioSeconds,
                            double wallSeconds, Double rtf, Envelope envelope, List<Segment> segments, List<Join> joins,
                            List<Retry> retries, List<String> warnings, Map<String, String> joinBounds,
                            Map<String, String> thresholds) {

    /** The version this reader understands. */
    public static final int VERSION = 2;

    /** Min/max of the joined output per 1/{@code pointsPerSecond} seconds. */
    public record Envelope(double pointsPerSecond, double[] min, double[] max) {
    }

    /** One segment where it lies in the joined output, with its measures (null: not measured). */
    public record Segment(int index, double startSeconds, double endSeconds, boolean paragraphStart, boolean flagged,
                          List<String> reasons, Double loudnessLufs, Double loudnessStepLu, Double voiceSimilarity,
                          Double similarityToPrevious, Double speechRatio, Double phonemesPerSecond, Long seed,
                          int takes) {
    }

    /** The seam after segment {@code afterSegment}. */
    public record Join(int afterSegment, double atSeconds, Double sampleStep, Double highBandRatio, boolean ok) {
    }

    /** A segment generated again because it was flagged. */
    public record Retry(int segment, List<String> reasons, List<Long> seeds, Long keptSeed) {
    }

    public long flaggedCount() {
        return segments.stream().filter(Segment::flagged).count();
    }

    /** Reads and checks {@code file}; every problem is an {@link InvalidInputException} naming the file. */
    public static RunReportFile read(Path file) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("report " + file + ": file not found");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InvalidInputException("report " + file + ": not valid JSON" + where + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new InvalidInputException("report " + file + ": cannot read it: " + e.getMessage());
        }
        return new Reader(file).report(root);
    }

    /** Field access with errors that name the file and the key's path. */
    private record Reader(Path file) {

        RunReportFile report(JsonNode root) {
            if (root == null || !root.isObject()) {
                throw fail("is not a JSON object (a run report from zonos speak --report)");
            }
            JsonNode version = required(root, "report_version", "");
            if (!version.canConvertToInt() || version.asInt() != VERSION) {
                throw fail("report_version " + version + " is not supported (this zonos reads version " + VERSION + ")");
            }
            JsonNode segs = required(root, "segments", "");
            if (!segs.isArray()) {
                throw fail("key 'segments' must be an array");
            }
            List<Segment> segments = new ArrayList<>();
            for (int i = 0; i < segs.size(); i++) {
                segments.add(segment(segs.get(i), "segments[" + i + "]", i));
            }
            Envelope envelope = envelope(required(root, "envelope", ""));
            List<Join> joins = new ArrayList<>();
            JsonNode js = optionalArray(root, "joins");
            for (int i = 0; i < js.size(); i++) {
                joins.add(join(js.get(i), "joins[" + i + "]"));
            }
            List<Retry> retries = new ArrayList<>();
            JsonNode rs = optionalArray(root, "retries");
            for (int i = 0; i < rs.size(); i++) {
                retries.add(retry(rs.get(i), "retries[" + i + "]"));
            }
            List<String> warnings = strings(optionalArray(root, "warnings"));
            double audioSeconds = orNull(root, "audio_seconds", "") instanceof Double d ? d : envelope.min().length
                    / envelope.pointsPerSecond();
            double wallSeconds = orNull(root, "wall_seconds", "") instanceof Double d ? d : Double.NaN;
            return new RunReportFile(file, root.path("mode").asText("unknown"), root.path("seed").asLong(0),
                    root.path("language").asText("unknown"), audioSeconds, wallSeconds, orNull(root, "rtf", ""),
                    envelope, List.copyOf(segments), List.copyOf(joins), List.copyOf(retries), warnings,
                    settings(root, "join_bounds"), settings(root, "thresholds"));
        }

        private Segment segment(JsonNode s, String path, int position) {
            if (!s.isObject()) {
                throw fail(path + " must be an object");
            }
            double start = number(s, "start_seconds", path);
            double end = number(s, "end_seconds", path);
            if (end < start) {
                throw fail(path + ".end_seconds " + end + " is before its start_seconds " + start);
            }
            String verdict = required(s, "verdict", path).asText();
            if (!verdict.equals("ok") && !verdict.equals("flagged")) {
                throw fail(path + ".verdict must be \"ok\" or \"flagged\", got \"" + verdict + "\"");
            }
            JsonNode seed = s.get("seed");
            return new Segment(s.path("index").asInt(position), start, end, s.path("paragraph_start").asBoolean(false),
                    verdict.equals("flagged"), strings(s.path("reasons")),
                    orNull(s, "loudness_lufs", path), orNull(s, "loudness_step_lu", path),
                    orNull(s, "voice_similarity", path), orNull(s, "similarity_to_previous", path),
                    orNull(s, "speech_ratio", path), orNull(s, "phonemes_per_second", path),
                    seed == null || seed.isNull() ? null : seed.asLong(), s.path("takes").asInt(1));
        }

        private Envelope envelope(JsonNode e) {
            if (!e.isObject()) {
                throw fail("key 'envelope' must be an object");
            }
            double pps = number(e, "points_per_second", "envelope");
            if (!(pps > 0)) {
                throw fail("envelope.points_per_second must be positive, got " + pps);
            }
            double[] min = samples(required(e, "min", "envelope"), "envelope.min");
            double[] max = samples(required(e, "max", "envelope"), "envelope.max");
            if (min.length != max.length) {
                throw fail("envelope.min has " + min.length + " points but envelope.max has " + max.length);
            }
            return new Envelope(pps, min, max);
        }

        private Join join(JsonNode j, String path) {
            return new Join((int) number(j, "after_segment", path), number(j, "at_seconds", path),
                    orNull(j, "sample_step", path), orNull(j, "high_band_ratio", path), j.path("ok").asBoolean(true));
        }

        private Retry retry(JsonNode r, String path) {
            List<Long> seeds = new ArrayList<>();
            for (JsonNode s : r.path("seeds")) {
                seeds.add(s.asLong());
            }
            JsonNode kept = r.get("kept_seed");
            return new Retry((int) number(r, "segment", path), strings(r.path("reasons")),
                    List.copyOf(seeds), kept == null || kept.isNull() ? null : kept.asLong());
        }

        private JsonNode required(JsonNode o, String key, String path) {
            JsonNode v = o.get(key);
            if (v == null) {
                throw fail("missing key '" + (path.isEmpty() ? key : path + "." + key) + "'");
            }
            return v;
        }

        private double number(JsonNode o, String key, String path) {
            JsonNode v = required(o, key, path);
            if (!v.isNumber()) {
                throw fail("key '" + path + "." + key + "' must be a number, got " + v);
            }
            return v.asDouble();
        }

        /** A number, or null when the key is absent or null (not measured). */
        private Double orNull(JsonNode o, String key, String path) {
            JsonNode v = o.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isNumber()) {
                throw fail("key '" + (path.isEmpty() ? key : path + "." + key) + "' must be a number or null, got " + v);
            }
            return v.asDouble();
        }

        private JsonNode optionalArray(JsonNode o, String key) {
            JsonNode v = o.path(key);
            if (!v.isMissingNode() && !v.isNull() && !v.isArray()) {
                throw fail("key '" + key + "' must be an array");
            }
            return v.isArray() ? v : Json.MAPPER.createArrayNode();
        }

        private double[] samples(JsonNode a, String path) {
            if (!a.isArray()) {
                throw fail("key '" + path + "' must be an array of numbers");
            }
            double[] x = new double[a.size()];
            for (int i = 0; i < x.length; i++) {
                if (!a.get(i).isNumber()) {
                    throw fail("key '" + path + "' holds " + a.get(i) + " at " + i + ", not a number");
                }
                x[i] = a.get(i).asDouble();
            }
            return x;
        }

        /** An optional object of named settings, each shown as written (empty when absent). */
        private Map<String, String> settings(JsonNode o, String key) {
            JsonNode v = o.path(key);
            if (!v.isMissingNode() && !v.isNull() && !v.isObject()) {
                throw fail("key '" + key + "' must be an object");
            }
            Map<String, String> out = new LinkedHashMap<>();
            v.properties().forEach(e -> out.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText()
                    : e.getValue().toString()));
            return Collections.unmodifiableMap(out);
        }

        private static List<String> strings(JsonNode a) {
            List<String> out = new ArrayList<>();
            for (JsonNode s : a) {
                out.add(s.asText());
            }
            return List.copyOf(out);
        }

        private InvalidInputException fail(String what) {
            return new InvalidInputException("report " + file + ": " + what);
        }
    }
}
