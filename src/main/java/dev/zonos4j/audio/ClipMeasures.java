package dev.zonos4j.audio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zonos4j.util.Json;
import dev.zonos4j.util.ZonosException;

/**
 * What we measure on a reference clip; {@link QualityThresholds#judge} turns it into a verdict.
 *
 * @param seconds        duration
 * @param speechSeconds  speech found by {@link VoiceActivity}
 * @param clippingRatio  fraction of all samples (every channel) with |x| at or above {@link #CLIP_LEVEL}
 * @param snrDb          estimated speech-to-noise ratio; NaN without speech, at most {@link #MAX_SNR_DB}
 * @param loudnessLufs   BS.1770 integrated loudness; negative infinity when nothing passes the absolute gate
 * @param peakDbfs       sample peak; negative infinity for digital silence
 * @param sampleRate     Hz, as decoded
 * @param channels       as decoded
 */
public record ClipMeasures(double seconds, double speechSeconds, double clippingRatio, double snrDb,
                           double loudnessLufs, double peakDbfs, int sampleRate, int channels) {

    /** Full-scale level counted as clipped: about -0.09 dBFS, just under where codecs and converters flatten tops. */
    public static final double CLIP_LEVEL = 0.99;
    /** SNR reported when the noise is digital silence. */
    public static final double MAX_SNR_DB = 100;

    public ClipMeasures {
        if (seconds < 0 || speechSeconds < 0 || clippingRatio < 0 || clippingRatio > 1 || sampleRate <= 0 || channels <= 0) {
            throw new IllegalArgumentException("inconsistent clip measures: " + seconds + " s, " + speechSeconds
                    + " s speech, clipping " + clippingRatio + ", " + sampleRate + " Hz, " + channels + " channels");
        }
    }

    /** Measures a decoded clip. */
    public static ClipMeasures of(AudioClip clip) {
        long clipped = 0;
        double peak = 0;
        for (float[] channel : clip.channels()) {
            for (float v : channel) {
                double a = Math.abs(v);
                peak = Math.max(peak, a);
                clipped += a >= CLIP_LEVEL ? 1 : 0;
            }
        }
        long samples = (long) clip.frames() * clip.channelCount();
        VoiceActivity vad = VoiceActivity.detect(clip.mono(), clip.sampleRate());
        return new ClipMeasures(clip.seconds(), vad.speechSeconds(), samples == 0 ? 0 : (double) clipped / samples,
                Math.min(vad.snrDb(), MAX_SNR_DB), Loudness.integrated(clip),
                peak == 0 ? Double.NEGATIVE_INFINITY : 20 * Math.log10(peak), clip.sampleRate(), clip.channelCount());
    }

    /** No samples at all. */
    public boolean empty() {
        return seconds == 0;
    }

    /** Digital silence, or nothing louder than the BS.1770 absolute gate. */
    public boolean silent() {
        return peakDbfs == Double.NEGATIVE_INFINITY || loudnessLufs == Double.NEGATIVE_INFINITY;
    }

    /** A JSON object; values that are not finite are written as null. */
    public ObjectNode toJson() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("seconds", seconds);
        o.put("speech_seconds", speechSeconds);
        o.put("clipping_ratio", clippingRatio);
        putFinite(o, "snr_db", snrDb);
        putFinite(o, "loudness_lufs", loudnessLufs);
        putFinite(o, "peak_dbfs", peakDbfs);
        o.put("sample_rate", sampleRate);
        o.put("channels", channels);
        return o;
    }

    /** Reads {@link #toJson()}'s output back. */
    public static ClipMeasures fromJson(String json) {
        try {
            JsonNode o = Json.MAPPER.readTree(json);
            return new ClipMeasures(need(o, "seconds").asDouble(), need(o, "speech_seconds").asDouble(),
                    need(o, "clipping_ratio").asDouble(), orElse(o, "snr_db", Double.NaN),
                    orElse(o, "loudness_lufs", Double.NEGATIVE_INFINITY), orElse(o, "peak_dbfs", Double.NEGATIVE_INFINITY),
                    need(o, "sample_rate").asInt(), need(o, "channels").asInt());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ZonosException("stored clip measures are not readable (" + e.getMessage() + "): " + json, e);
        }
    }

    private static void putFinite(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    private static JsonNode need(JsonNode o, String key) {
        JsonNode v = o.get(key);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException("missing number '" + key + "'");
        }
        return v;
    }

    private static double orElse(JsonNode o, String key, double missing) {
        JsonNode v = o.get(key);
        return v == null || v.isNull() ? missing : v.asDouble();
    }
}
