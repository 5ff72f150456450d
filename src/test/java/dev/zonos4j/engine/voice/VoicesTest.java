package dev.zonos4j.engine.voice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.audio.AudioClip;
import dev.zonos4j.audio.AudioReader;
import dev.zonos4j.audio.QualityReport.Verdict;
import dev.zonos4j.audio.QualityThresholds;
import dev.zonos4j.audio.TestAudio;
import dev.zonos4j.audio.TestAudio.Encoding;
import dev.zonos4j.util.InvalidInputException;
import dev.zonos4j.util.ZonosException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VoicesTest {

    static final int RATE = 16000;

    @TempDir
    Path tmp;

    static AudioClip speech(double seconds, long seed) {
        float[] x = TestAudio.plusNoise(TestAudio.bursts(seconds, 0.3, 0.2, 0.01, RATE), 1e-7, seed);
        return new AudioClip(new float[][] {x}, RATE);
    }

    Path speechFile(String name, double seconds, long seed, Encoding e) {
        return TestAudio.writeWav(tmp.resolve(name), speech(seconds, seed), e);
    }

    @Test
    void aClipIsEmbeddedOnceAcrossCallsAndInstances() {
        CountingEmbedder model = new CountingEmbedder();
        Path store = tmp.resolve("v.db");
        Path clip = speechFile("a.wav", 10, 1, Encoding.PCM16);
        Voice first;
        try (Voices voices = Voices.open(store, model, 8)) {
            first = voices.fromClip(clip);
            Voice again = voices.fromClip(clip);
            assertEquals(1, model.calls.get());
            assertArrayEquals(first.embedding(), again.embedding());
            assertNull(first.name());
            assertEquals("fake-speaker-v1", first.modelId());
            assertEquals(Verdict.GOOD, first.quality().verdict(), first.quality().reasons().toString());
        }
        // A new instance with no memory cache finds it in the store.
        try (Voices voices = Voices.open(store, model, 0)) {
            assertArrayEquals(first.embedding(), voices.fromClip(clip).embedding());
            assertEquals(first.quality().measures(), voices.fromClip(clip).quality().measures());
        }
        assertEquals(1, model.calls.get());
        // Another model is another cache entry.
        CountingEmbedder other = new CountingEmbedder("fake-speaker-v2", 0);
        try (Voices voices = Voices.open(store, other, 8)) {
            voices.fromClip(clip);
        }
        assertEquals(1, other.calls.get());
    }

    @Test
    void theSameSamplesInAnotherEncodingAreNotEmbeddedAgain() throws IOException {
        CountingEmbedder model = new CountingEmbedder();
        AudioClip clip = speech(8, 2);
        try (Voices voices = Voices.open(tmp.resolve("v.db"), model, 8)) {
            Voice a = voices.fromClip(TestAudio.writeWav(tmp.resolve("a16.wav"), clip, Encoding.PCM16));
            // The 16-bit samples, re-encoded as 24-bit, 32-bit and float WAV: the same decoded audio.
            AudioClip decoded = AudioReader.read(tmp.resolve("a16.wav"));
            for (Encoding e : new Encoding[] {Encoding.PCM24, Encoding.PCM32, Encoding.FLOAT32}) {
                Voice b = voices.fromClip(TestAudio.writeWav(tmp.resolve("a." + e + ".wav"), decoded, e));
                assertEquals(a.audioKey(), b.audioKey(), e.toString());
            }
            assertEquals(1, model.calls.get());
            // Different samples are a different clip.
            assertNotEquals(a.audioKey(), voices.fromClip(speechFile("b.wav", 8, 3, Encoding.PCM16)).audioKey());
            assertEquals(2, model.calls.get());
        }
        // FLAC made by the reference encoder from a 16-bit WAV decodes to the same key as that WAV.
        assertEquals(AudioKey.of(AudioReader.decode(resource("stereo16.wav"), "wav")),
                AudioKey.of(AudioReader.decode(resource("stereo16.flac"), "flac")));
    }

    @Test
    void unusableClipsAreErrorsAndAreNotEmbedded() {
        CountingEmbedder model = new CountingEmbedder();
        try (Voices voices = Voices.open(tmp.resolve("v.db"), model, 8)) {
            Path silent = TestAudio.writeWav(tmp.resolve("silent.wav"), new AudioClip(new float[][] {new float[RATE]}, RATE),
                    Encoding.PCM16);
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> voices.fromClip(silent));
            assertEquals(silent + ": cannot be used as a voice: silent: every sample is zero", e.getMessage());
            Path empty = TestAudio.writeWav(tmp.resolve("empty.wav"), new AudioClip(new float[][] {new float[0]}, RATE),
                    Encoding.PCM16);
            e = assertThrows(InvalidInputException.class, () -> voices.add("x", empty));
            assertEquals(empty + ": cannot be used as a voice: empty: the clip has no samples", e.getMessage());
            assertEquals(0, model.calls.get());
            assertEquals(List.of(), voices.list());
        }
    }

    @Test
    void namedVoicesAddListShowRemove() {
        CountingEmbedder model = new CountingEmbedder();
        Path store = tmp.resolve("v.db");
        Path alice = speechFile("alice.wav", 8, 4, Encoding.PCM16);
        Path bob = speechFile("bob.wav", 3, 5, Encoding.PCM24);
        try (Voices voices = Voices.open(store, model, 8)) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> voices.named("alice"));
            assertEquals("unknown voice 'alice'; no voices are stored in " + store + " yet", e.getMessage());

            StoredVoice a = voices.add("alice", alice);
            assertEquals("alice", a.name());
            assertEquals(AudioKey.ofBytes(readAll(alice)), a.sourceSha256());
            StoredVoice b = voices.add("bob", bob);
            assertEquals(Verdict.POOR, b.voice().quality().verdict());
            assertTrue(b.voice().quality().reasons().getFirst().startsWith("too short: "));

            e = assertThrows(InvalidInputException.class, () -> voices.add("alice", bob));
            assertTrue(e.getMessage().startsWith("a voice named 'alice' already exists in "), e.getMessage());
            assertEquals(List.of("alice", "bob"), voices.list().stream().map(StoredVoice::name).toList());

            e = assertThrows(InvalidInputException.class, () -> voices.named("carol"));
            assertEquals("unknown voice 'carol'; known voices: alice, bob", e.getMessage());
            e = assertThrows(InvalidInputException.class, () -> voices.add("no spaces", alice));
            assertTrue(e.getMessage().startsWith("voice name 'no spaces' is not allowed"), e.getMessage());

            // The same clip under a second name costs no embedding.
            voices.add("alice2", alice);
            assertEquals(2, model.calls.get());
            assertEquals(List.of("alice", "alice2"), voices.voicesWithAudio(AudioReader.read(alice)));

            voices.add("alice", bob, true);
            assertEquals(b.voice().audioKey(), voices.named("alice").audioKey());
            voices.remove("alice2");
            e = assertThrows(InvalidInputException.class, () -> voices.remove("alice2"));
            assertEquals("unknown voice 'alice2'; known voices: alice, bob", e.getMessage());
        }
        // Named voices need no speaker model; a different loaded model is refused.
        try (Voices voices = Voices.open(store, null, 8)) {
            assertEquals(SpeakerEmbedder.DIMENSION, voices.named("bob").embedding().length);
            ZonosException e = assertThrows(ZonosException.class, () -> voices.fromClip(alice));
            assertEquals("cannot make a voice from " + alice + ": no speaker model is loaded", e.getMessage());
        }
        try (Voices voices = Voices.open(store, new CountingEmbedder("other", 0), 8)) {
            ZonosException e = assertThrows(ZonosException.class, () -> voices.named("bob"));
            assertTrue(e.getMessage().contains("was made with speaker model fake-speaker-v1, but other is loaded"), e.getMessage());
        }
    }

    @Test
    void storedQualityIsJudgedByTheThresholdsInForce() {
        Path store = tmp.resolve("v.db");
        Path bob = speechFile("bob.wav", 3, 5, Encoding.PCM16);
        try (Voices voices = Voices.open(store, new CountingEmbedder(), 8)) {
            voices.add("bob", bob);
            assertEquals(Verdict.POOR, voices.named("bob").quality().verdict());
        }
        try (Voices voices = Voices.open(store, null, 8, new QualityThresholds(1, 0.01, 10, -60))) {
            assertEquals(Verdict.GOOD, voices.named("bob").quality().verdict());
        }
    }

    @Test
    void aModelReturningTheWrongShapeIsReported() {
        SpeakerEmbedder broken = new SpeakerEmbedder() {
            @Override
            public String modelId() {
                return "broken";
            }

            @Override
            public float[] embed(float[][] channels, int sampleRate) {
                return new float[256];
            }
        };
        try (Voices voices = Voices.open(tmp.resolve("v.db"), broken, 8)) {
            Path clip = speechFile("a.wav", 4, 1, Encoding.PCM16);
            ZonosException e = assertThrows(ZonosException.class, () -> voices.fromClip(clip));
            assertEquals("speaker model broken returned 256 values, expected 128", e.getMessage());
            assertEquals(0, voices.store().embeddingCount());
        }
    }

    @Test
    void lruEvictsTheLeastRecentlyUsed() {
        EmbeddingCache cache = new EmbeddingCache(2);
        EmbeddingCache.Entry e = new EmbeddingCache.Entry(new float[SpeakerEmbedder.DIMENSION], null);
        cache.put("a", e);
        cache.put("b", e);
        cache.get("a");
        cache.put("c", e);
        assertEquals(e, cache.get("a"));
        assertNull(cache.get("b"));
        assertEquals(2, cache.size());
        EmbeddingCache off = new EmbeddingCache(0);
        off.put("a", e);
        assertNull(off.get("a"));
    }

    @Test
    void defaultStorePathFollowsXdg() {
        assertEquals(Path.of("/data/zonos4j/voices.db"), VoiceStorePaths.defaultStore("/data", "/home/u"));
        assertEquals(Path.of("/home/u/.local/share/zonos4j/voices.db"), VoiceStorePaths.defaultStore(null, "/home/u"));
        assertEquals(Path.of("/home/u/.local/share/zonos4j/voices.db"), VoiceStorePaths.defaultStore("relative", "/home/u"));
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = VoicesTest.class.getResourceAsStream("/audio/" + name)) {
            if (in == null) {
                throw new IOException("test resource /audio/" + name + " is missing");
            }
            return in.readAllBytes();
        }
    }

    private static byte[] readAll(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
