package dev.zonos4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zonos4j.audio.AudioClip;
import dev.zonos4j.audio.TestAudio;
import dev.zonos4j.audio.TestAudio.Encoding;
import dev.zonos4j.engine.voice.SpeakerEmbedder;
import dev.zonos4j.engine.voice.Voices;
import dev.zonos4j.util.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VoiceCommandTest {

    @TempDir
    Path tmp;

    record Run(int status, String out, String err) {
    }

    static Run zonos(String... args) {
        CliRun r = CliRun.zonos(args);
        return new Run(r.status(), r.out(), r.err());
    }

    private Path speech(String name, double seconds) {
        float[] x = TestAudio.plusNoise(TestAudio.bursts(seconds, 0.3, 0.2, 0.01, 16000), 1e-7, 1);
        return TestAudio.writeWav(tmp.resolve(name), new AudioClip(new float[][] {x}, 16000), Encoding.PCM16);
    }

    /** A fixed vector per call: only the CLI's listing is under test here, not embedding. */
    private static final SpeakerEmbedder FIXED = new SpeakerEmbedder() {
        @Override
        public String modelId() {
            return "test-model";
        }

        @Override
        public float[] embed(float[][] channels, int sampleRate) {
            float[] v = new float[DIMENSION];
            v[0] = 1;
            return v;
        }
    };

    @Test
    void analyzePrintsTheReportAndNeedsNoModel() throws IOException {
        Path clip = speech("short.wav", 3);
        Run r = zonos("voice", "analyze", clip.toString(), "--voice-store", tmp.resolve("none.db").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("verdict      poor"), r.out());
        assertTrue(r.out().contains("- too short: 1.8 s of speech (want at least 5.0 s)"), r.out());
        assertFalse(Files.exists(tmp.resolve("none.db")), "analyze must not create a store");

        Run lenient = zonos("voice", "analyze", clip.toString(), "--min-speech", "1", "--json");
        JsonNode json = Json.MAPPER.readTree(lenient.out());
        assertEquals("good", json.get("verdict").asText());
        assertEquals(16000, json.get("sample_rate").asInt());

        Run missing = zonos("voice", "analyze", tmp.resolve("nope.wav").toString());
        assertEquals(Main.EXIT_USAGE, missing.status());
        assertEquals("zonos: " + tmp.resolve("nope.wav") + ": file not found", missing.err().strip());
    }

    @Test
    void addEmbedsWithTheSpeakerModelAndFailsClearlyWithoutOne() throws IOException {
        Path clip = speech("a.wav", 8);
        Path model = Files.createDirectories(tmp.resolve("model"));
        String store = tmp.resolve("v.db").toString();
        Run r = zonos("voice", "add", "alice", clip.toString(), "--speaker-model", model.toString(), "--voice-store", store);
        assertEquals(Main.EXIT_USAGE, r.status());
        assertTrue(r.err().contains(model.toString()) && r.err().contains("ResNet293_SimAM_ASP_base.pt"), r.err());
        assertTrue(zonos("voice", "list", "--voice-store", store).out().startsWith("no voices"));

        String tiny = dev.zonos4j.TestKits.speaker().resolve("tiny").toString();
        r = zonos("voice", "add", "alice", clip.toString(), "--speaker-model", tiny, "--voice-store", store);
        assertEquals(0, r.status(), r.err());
        assertTrue(zonos("voice", "list", "--voice-store", store).out().contains("alice"));
    }

    @Test
    void listShowRemoveAndAnalyzeAgainstAStore() {
        Path store = tmp.resolve("v.db");
        Path alice = speech("alice.wav", 8);
        try (Voices voices = Voices.open(store, FIXED, 4)) {
            voices.add("alice", alice);
            voices.add("bob", speech("bob.wav", 12));
        }
        Run list = zonos("voice", "list", "--voice-store", store.toString());
        assertEquals(0, list.status(), list.err());
        String[] lines = list.out().strip().split("\n");
        assertEquals(3, lines.length, list.out());
        assertTrue(lines[1].startsWith("alice ") && lines[1].contains("poor") && lines[1].contains("test-model"), lines[1]);
        assertTrue(lines[2].startsWith("bob ") && lines[2].contains("good"), lines[2]);

        Run show = zonos("voice", "show", "alice", "--voice-store", store.toString());
        assertEquals(0, show.status(), show.err());
        assertTrue(show.out().contains("128 values, L2 norm 1.0000"), show.out());
        assertTrue(show.out().contains("too short: 4.8 s of speech"), show.out());

        Run analyze = zonos("voice", "analyze", alice.toString(), "--voice-store", store.toString());
        assertTrue(analyze.out().contains("stored as    alice"), analyze.out());

        Run unknown = zonos("voice", "show", "carol", "--voice-store", store.toString());
        assertEquals(Main.EXIT_USAGE, unknown.status());
        assertEquals("zonos: unknown voice 'carol'; known voices: alice, bob", unknown.err().strip());

        assertEquals(0, zonos("voice", "rm", "alice", "--voice-store", store.toString()).status());
        Run gone = zonos("voice", "rm", "alice", "--voice-store", store.toString());
        assertEquals("zonos: unknown voice 'alice'; known voices: bob", gone.err().strip());
    }

    @Test
    void aCorruptStoreIsAClearError() throws IOException {
        Path store = tmp.resolve("v.db");
        Files.write(store, "this is not a database, just text that is long enough to be a header".repeat(20).getBytes());
        Run r = zonos("voice", "list", "--voice-store", store.toString());
        assertEquals(Main.EXIT_ERROR, r.status());
        assertTrue(r.err().startsWith("zonos: voice store " + store + " is not an SQLite database"), r.err());
    }

    @Test
    void cacheBenchmarkRunsWithoutAModel() {
        Run r = zonos("bench", "voice-cache", "--seconds", "2", "--iterations", "3");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("hit: hash + SQLite store"), r.out());
        assertTrue(r.out().contains("fresh embedding             not measured"), r.out());
    }
}
