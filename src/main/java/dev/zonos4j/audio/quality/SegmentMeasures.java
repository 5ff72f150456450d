package dev.zonos4j.audio.quality;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zonos4j.audio.AudioClip;
import dev.zonos4j.audio.Loudness;
import dev.zonos4j.audio.VoiceActivity;

/**
 * Measures of one generated segment, from its decoded audio before the join.
 *
 * @param seconds               the segment's length
 * @param speechSeconds         detected speech (the reference-clip voice activity detector)
 * @param longestSilenceSeconds the longest stretch without speech, leading and trailing silence included
 * @param phonemes              phonemes the segment was asked to speak
 * @param loudnessLufs          integrated loudness (BS.1770); -∞ when silent
 * @param clippingRatio         fraction of samples at full scale
 */
public record SegmentMeasures(double seconds, double speechSeconds, double longestSilenceSeconds, int phonemes,
                              double loudnessLufs, double clippingRatio) {

    /** A sample at or above this magnitude counts as clipped (16-bit full scale less half a step). */
    public static final double FULL_SCALE = 0.99995;

    public static SegmentMeasures of(float[] audio, int sampleRate, int phonemes) {
        VoiceActivity vad = VoiceActivity.detect(audio, sampleRate);
        boolean[] speech = vad.speech();
        int longest = 0;
        int run = 0;
        for (boolean s : speech) {
            run = s ? 0 : run + 1;
            longest = Math.max(longest, run);
        }
        long clipped = 0;
        for (float x : audio) {
            if (Math.abs(x) >= FULL_SCALE) {
                clipped++;
            }
        }
        double seconds = (double) audio.length / sampleRate;
        return new SegmentMeasures(seconds, vad.speechSeconds(), Math.min(seconds, longest * VoiceActivity.HOP_SECONDS),
                phonemes, Loudness.integrated(new AudioClip(new float[][] {audio}, sampleRate)),
                audio.length == 0 ? 0 : (double) clipped / audio.length);
    }

    /** Phonemes per second of detected speech; NaN without speech. */
    public double phonemesPerSecond() {
        return speechSeconds > 0 ? phonemes / speechSeconds : Double.NaN;
    }

    /** Detected speech over the segment's length; 0 when empty. */
    public double speechRatio() {
        return seconds > 0 ? speechSeconds / seconds : 0;
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("seconds", seconds).put("speech_seconds", speechSeconds).put("speech_ratio", speechRatio())
                .put("longest_silence_seconds", longestSilenceSeconds).put("phonemes", phonemes);
        putFinite(o, "phonemes_per_second", phonemesPerSecond());
        putFinite(o, "loudness_lufs", loudnessLufs);
        return o.put("clipping_ratio", clippingRatio);
    }

    static void putFinite(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }
}
