package dev.zonos4j.engine.voice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.audio.AudioClip;
import dev.zonos4j.audio.AudioReader;
import dev.zonos4j.audio.QualityThresholds;
import dev.zonos4j.audio.SpeechWindow;
import dev.zonos4j.audio.TestAudio;
import dev.zonos4j.audio.TestAudio.Encoding;
import dev.zonos4j.model.speaker.RandomSpeakerWeights;
import dev.zonos4j.model.speaker.ResNetConfig;
import dev.zonos4j.model.speaker.SpeakerEncoder;
import dev.zonos4j.util.InvalidInputException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad reference clips: non-finite samples are refused by name; a long clip is embedded from a bounded window. */
class ReferenceClipBoundsTest {
    static final int RATE = 16_000;

    @TempDir
    Path tmp;

    /** Bursts 0.3 s on, 0.3 s off: half of the clip is speech. */
    static AudioClip halfSpeech(double seconds) {
        return new AudioClip(new float[][] {TestAudio.plusNoise(TestAudio.bursts(seconds, 0.3, 0.3, 0.01, RATE), 1e-7, 3)}, RATE);
    }

    @Test
    void nanOrInfiniteSamplesAreRefusedSayingSo() {
        float[] x = halfSpeech(8).channels()[0].clone();
        x[RATE * 2] = Float.NaN;
        x[RATE * 3] = Float.POSITIVE_INFINITY;
        byte[] wav = TestAudio.wav(new AudioClip(new float[][] {x}, RATE), Encoding.FLOAT32, false);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> AudioReader.decode(wav, "bad.wav"));
        assertEquals("bad.wav: holds 2 NaN or infinite samples (the first at 2.000 s); a reference clip must be finite audio",
                e.getMessage());
        try (Voices voices = Voices.open(tmp.resolve("v.db"), new CountingEmbedder(), 4)) {
            InvalidInputException viaLibrary = assertThrows(InvalidInputException.class,
                    () -> voices.fromClip(new AudioClip(new float[][] {x}, RATE), "in-memory clip"));
            assertTrue(viaLibrary.getMessage().startsWith("in-memory clip: holds 2 NaN or infinite samples"), viaLibrary.getMessage());
        }
    }

    @Test
    void windowEndsWhereTheLimitOfSpeechIsHeard() {
        AudioClip clip = halfSpeech(300);
        SpeechWindow w = SpeechWindow.firstSpeech(clip, 60);
        assertTrue(w.cut());
        assertEquals(60.0, w.speechSeconds(), 0.011);
        assertEquals(300.0, w.sourceSeconds(), 1e-9);
        // Half of the audio is speech, and the VAD flags each burst a little wider than it is: about 2 x 60 s.
        assertTrue(w.clip().seconds() > 100 && w.clip().seconds() < 125, "window of " + w.clip().seconds() + " s");
        assertEquals(w.clip().frames(), w.clip().channels()[0].length);
        for (int i = 0; i < w.clip().frames(); i += 997) {
            assertEquals(clip.channels()[0][i], w.clip().channels()[0][i], "the window is the clip's start, unchanged");
        }

        AudioClip shortClip = halfSpeech(40);
        SpeechWindow whole = SpeechWindow.firstSpeech(shortClip, 60);
        assertFalse(whole.cut());
        assertSame(shortClip, whole.clip());
        assertThrows(IllegalArgumentException.class, () -> SpeechWindow.firstSpeech(shortClip, 0));
    }

    @Test
    void aLongClipReachesTheSpeakerModelOnlyUpToTheWindow() {
        AtomicInteger longest = new AtomicInteger();
        SpeakerEmbedder model = new SpeakerEmbedder() {
            final CountingEmbedder inner = new CountingEmbedder();

            @Override
            public String modelId() {
                return inner.modelId();
            }

            @Override
            public float[] embed(float[][] channels, int sampleRate) {
                longest.accumulateAndGet(channels[0].length, Math::max);
                return inner.embed(channels, sampleRate);
            }
        };
        Path file = TestAudio.writeWav(tmp.resolve("ten-minutes.wav"), halfSpeech(600), Encoding.PCM16);
        try (Voices voices = Voices.open(tmp.resolve("v.db"), model, 4, QualityThresholds.DEFAULTS, 30)) {
            voices.add("long", file);
            double seconds = (double) longest.get() / RATE;
            assertTrue(seconds > 50 && seconds < 65, "the model saw " + seconds + " s for a 30 s speech window");
            assertEquals(30.0, voices.describe("long").voice().quality().measures().speechSeconds(), 0.2,
                    "the report measures the window embedded");
            assertEquals(java.util.List.of("long"), voices.voicesWithAudio(AudioReader.read(file)));
        }
        assertThrows(InvalidInputException.class, () -> Voices.open(tmp.resolve("w.db"), model, 4, QualityThresholds.DEFAULTS, -1));
    }

    /**
     * A 2-hour clip, built here, through the real-size (random-weight) ResNet293: the network sees only the speech
     * window, and what the call adds to the heap beyond the clip itself stays far below the clip's own size.
     */
    @Test
    void aTwoHourClipIsEmbeddedInBoundedMemoryWithTheRealSizeSpeakerModel() {
        SpeakerEncoder encoder = RandomSpeakerWeights.encoder(ResNetConfig.resnet293(64), 128, 1234);
        AudioClip clip = halfSpeech(2 * 3600);
        long clipBytes = (long) clip.frames() * Float.BYTES;
        // Arrays this large are allocated straight into the old generation, so its peak shows any copy of the clip,
        // while the network's many small short-lived activations are collected young and do not blur it.
        MemoryPoolMXBean old = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.getName().contains("Old")).findFirst().orElseThrow();
        try (Voices voices = Voices.open(tmp.resolve("v.db"), new EncoderEmbedder(encoder), 4, QualityThresholds.DEFAULTS, 5)) {
            System.gc();
            long before = old.getUsage().getUsed();
            old.resetPeakUsage();
            Voice v = voices.fromClip(clip, "two-hour clip");
            long grown = old.getPeakUsage().getUsed() - before;
            assertEquals(128, v.embedding().length);
            assertEquals(5.0, v.quality().measures().speechSeconds(), 0.2, "the report measures the window embedded");
            assertTrue(grown < clipBytes / 2, String.format("embedding a %.0f MB clip grew the heap by %.0f MB at its peak",
                    clipBytes / 1e6, grown / 1e6));
        }
    }
}
