package dev.zonos4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.TestKits;
import dev.zonos4j.audio.join.JoinConfig;
import dev.zonos4j.audio.quality.JoinBounds;
import dev.zonos4j.audio.quality.SegmentThresholds;
import dev.zonos4j.audio.quality.SegmentVerdict;
import dev.zonos4j.engine.SpeechEngineTest.CollectingSink;
import dev.zonos4j.engine.voice.EncoderEmbedder;
import dev.zonos4j.engine.voice.SpeakerEmbedder;
import dev.zonos4j.model.zonos.ZonosModel;
import dev.zonos4j.tensor.Kernels;
import dev.zonos4j.tensor.WeightMatrix;
import dev.zonos4j.text.TextFrontEnd;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Voice similarity by the speaker encoder, on the tiny random speaker model: segments alternate between the
 * reference voice's own audio and another voice. A random network says nothing about real speakers, so the known
 * answers are the ones that hold for any encoder: the same audio gives cosine 1, another voice gives less.
 */
class VoiceSimilarityTest {
    static SpeakerEmbedder speaker;
    static ZonosModel tiny;

    @BeforeAll
    static void load() {
        speaker = EncoderEmbedder.load(TestKits.speaker().resolve("tiny"));
        tiny = ZonosModel.load(TestKits.zonos().resolve("tiny"), WeightMatrix.Storage.F32, 64L << 20, Kernels.preferred());
    }

    /** A harmonic voice: pitch {@code f0}, harmonics falling as 1/k^tilt, a 3 Hz syllable envelope, faint noise. */
    static float[] voice(double f0, double tilt, long seed) {
        int rate = ScriptedCodecs.RATE;
        float[] x = new float[2 * rate];
        Random r = new Random(seed);
        for (int i = 0; i < x.length; i++) {
            double t = i / (double) rate;
            double v = 0;
            for (int k = 1; k * f0 < 8000; k++) {
                v += Math.sin(2 * Math.PI * f0 * k * t + 1.234 * k) / Math.pow(k, tilt);
            }
            x[i] = (float) (0.1 * (0.5 - 0.5 * Math.cos(2 * Math.PI * 3 * t)) * v + 0.003 * r.nextGaussian());
        }
        return x;
    }

    @Test
    void theSameVoiceScoresOneAndAnotherVoiceLess() throws IOException {
        float[] me = voice(120, 1.0, 1);
        float[] other = voice(260, 2.0, 2);
        float[] reference = speaker.embed(new float[][] {me}, ScriptedCodecs.RATE);
        double across = VoiceCheck.cosine(reference, speaker.embed(new float[][] {other}, ScriptedCodecs.RATE));
        assertTrue(across < 0.95, "the tiny encoder should tell these voices apart a little, cosine " + across);

        // Decode calls come in segment order: even segments speak in my voice, odd ones in the other.
        CodecPort codec = new ScriptedCodecs.ByCall(n -> n % 2 == 0 ? me : other);
        SpeechEngine engine = new SpeechEngine(tiny, codec, TextFrontEnd.shared(), JoinConfig.defaults(44_100), 60);
        double bound = (1 + across) / 2;
        SegmentThresholds thresholds = new SegmentThresholds(0, 1e9, 0.4, 1.5, 0.001, 6, bound);
        SpeechOptions options = SpeechOptions.builder().mode(SpeechOptions.Mode.STANDARD).seed(3).maxFramesPerSegment(12)
                .quality(new QualitySettings(0, thresholds, JoinBounds.DEFAULTS, 4)).build();
        SpeechResult r = engine.speak(SpeechEngineTest.TEXT, reference, options, new CollectingSink(), SpeechListener.NONE,
                new Cancellation(), new VoiceCheck(speaker, reference, 4));
        List<SegmentVerdict> segments = r.report().quality().segments();
        assertTrue(segments.size() >= 3, "want several segments, got " + segments.size());
        for (SegmentVerdict s : segments) {
            boolean mine = s.index() % 2 == 0;
            assertEquals(mine ? 1.0 : across, s.voiceSimilarity(), 1e-5, "segment " + s.index());
            assertEquals(!mine, s.reasons().stream().anyMatch(x -> x.startsWith("other voice")), s.reasons()::toString);
            if (s.index() == 0) {
                assertTrue(Double.isNaN(s.similarityToPrevious()), "the first segment has no previous one");
            } else {
                assertEquals(across, s.similarityToPrevious(), 1e-5, "segment " + s.index() + " against the previous");
            }
        }
        assertEquals(1.0, r.report().toJson().get("segments").get(0).get("voice_similarity").asDouble(), 1e-5);
    }

    @Test
    void withoutASpeakerModelNothingIsMeasured() throws IOException {
        float[] me = voice(120, 1.0, 1);
        SpeechEngine engine = new SpeechEngine(tiny, new ScriptedCodecs.ByCall(n -> me), TextFrontEnd.shared(),
                JoinConfig.defaults(44_100), 60);
        SpeechOptions options = SpeechOptions.builder().mode(SpeechOptions.Mode.STANDARD).seed(3).maxFramesPerSegment(12).build();
        SpeechResult r = engine.speak("One sentence. And another one.", null, options, new CollectingSink(), SpeechListener.NONE);
        for (var s : r.report().toJson().get("segments")) {
            assertTrue(s.get("voice_similarity").isNull() && s.get("similarity_to_previous").isNull(), s.toString());
        }
    }
}
