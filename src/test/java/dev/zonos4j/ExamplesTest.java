package dev.zonos4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.audio.AudioClip;
import dev.zonos4j.audio.AudioReader;
import dev.zonos4j.audio.TestAudio;
import dev.zonos4j.audio.TestAudio.Encoding;
import dev.zonos4j.audio.join.JoinConfig;
import dev.zonos4j.server.ServerConfig;
import dev.zonos4j.server.SpeechServer;
import dev.zonos4j.tensor.WeightMatrix;
import dev.zonos4j.text.TextFrontEnd;
import dev.zonos4j.weights.hub.HubConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the programs in {@code examples/} (compiled with the tests, in the unnamed package) on the tiny kit models:
 * the voice manager, the file speaker, the HTTP client against a loopback server, and the speaker streamer as far
 * as this machine's sound devices allow.
 */
class ExamplesTest {
    @TempDir
    Path tmp;

    record Run(int status, String out, String err) {
    }

    private static final String[] PROPERTIES = {"zonos.model", "zonos.codec", "zonos.speaker", "zonos.voices"};

    /** The examples read their model folders and voice store from system properties. */
    private void tinyModels() {
        Map.of("zonos.model", TestKits.zonos().resolve("tiny"), "zonos.codec", TestKits.dac().resolve("tiny"),
                "zonos.speaker", TestKits.speaker().resolve("tiny"), "zonos.voices", tmp.resolve("voices.db"))
                .forEach((k, v) -> System.setProperty(k, v.toString()));
    }

    @AfterEach
    void clearProperties() {
        for (String p : PROPERTIES) {
            System.clearProperty(p);
        }
    }

    /** Calls {@code run(String[])} of an example class and captures what it printed. */
    private static synchronized Run example(String className, String... args) throws Exception {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = (int) Class.forName(className).getDeclaredMethod("run", String[].class).invoke(null, (Object) args);
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private Path clip() {
        float[] x = TestAudio.plusNoise(TestAudio.bursts(6, 0.3, 0.2, 0.01, 16_000), 1e-7, 1);
        return TestAudio.writeWav(tmp.resolve("clip.wav"), new AudioClip(new float[][] {x}, 16_000), Encoding.PCM16);
    }

    @Test
    void manageVoicesAddsListsAndRemoves() throws Exception {
        tinyModels();
        Path clip = clip();
        Run list = example("ManageVoices", "list");
        assertEquals(0, list.status(), list.err());
        assertEquals("no voices in " + tmp.resolve("voices.db") + "\n", list.out());
        Run add = example("ManageVoices", "add", "alice", clip.toString());
        assertEquals(0, add.status(), add.err());
        assertTrue(add.out().startsWith("added alice: clip "), add.out());
        list = example("ManageVoices", "list");
        assertEquals(0, list.status(), list.err());
        assertTrue(list.out().startsWith("alice\t"), list.out());
        assertEquals(1, list.out().lines().count(), list.out());
        Run rm = example("ManageVoices", "rm", "alice");
        assertEquals(0, rm.status(), rm.err());
        assertEquals("removed alice\n", rm.out());
        rm = example("ManageVoices", "rm", "alice");
        assertEquals(1, rm.status());
        assertTrue(rm.err().contains("alice"), "the error should name the voice: " + rm.err());
        assertEquals(2, example("ManageVoices", "frobnicate").status());
    }

    @Test
    void speakFileWritesTheSpeechOfATextFile() throws Exception {
        tinyModels();
        Path text = Files.writeString(tmp.resolve("text.txt"), "A short text to speak. It has two sentences.");
        Path out = tmp.resolve("out.wav");
        Run r = example("SpeakFile", text.toString(), clip().toString(), out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains(out + ": "), r.out());
        AudioClip wav = AudioReader.read(out);
        assertEquals(44_100, wav.sampleRate());
        assertTrue(wav.frames() > 4_410, "expected audio, got " + wav.frames() + " samples");
    }

    @Test
    void openAiSpeechStreamsFromALoopbackServer() throws Exception {
        ZonosTts.Config c = new ZonosTts.Config(TestKits.zonos().resolve("tiny").toString(),
                TestKits.dac().resolve("tiny").toString(), TestKits.speaker().resolve("tiny").toString(),
                WeightMatrix.Storage.F32, 0, 64L << 20, tmp.resolve("voices.db"), 8,
                HubConfig.of(URI.create("http://127.0.0.1:9"), tmp.resolve("hub")).withOffline(true),
                JoinConfig.defaults(44_100), TextFrontEnd.DEFAULT_BUDGET);
        try (ZonosTts tts = ZonosTts.open(c);
             SpeechServer server = SpeechServer.start(ServerConfig.defaults().withPort(0))) {
            server.modelsLoaded(tts);
            Path out = tmp.resolve("speech.wav");
            Run r = example("OpenAiSpeech", server.baseUrl(), out.toString(), "Hello from the \"example\".\nBye.");
            assertEquals(0, r.status(), r.err());
            assertTrue(r.out().startsWith(out + ": ") && r.out().contains("audio/wav"), r.out());
            AudioClip wav = AudioReader.read(out);
            assertEquals(44_100, wav.sampleRate());
            assertTrue(wav.frames() > 4_410, "expected audio, got " + wav.frames() + " samples");

            Run bad = example("OpenAiSpeech", server.baseUrl(), tmp.resolve("x.wav").toString(), "Hi.", "nobody-here");
            assertEquals(1, bad.status());
            assertTrue(bad.err().startsWith("HTTP 400: unknown voice 'nobody-here'") && bad.err().contains("nobody-here"), bad.err());
            assertTrue(!Files.exists(tmp.resolve("x.wav")) && !Files.exists(tmp.resolve("x.wav.partial")));
        }
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        String nowhere = "http://127.0.0.1:" + closedPort;
        Run refused = example("OpenAiSpeech", nowhere, tmp.resolve("y.wav").toString(), "Hi.");
        assertEquals(1, refused.status());
        assertEquals("cannot reach " + nowhere + ": is `zonos serve` running there?\n", refused.err());
    }

    @Test
    void streamToSpeakersPlaysOrSaysThereIsNoDevice() throws Exception {
        tinyModels();
        AudioFormat format = new AudioFormat(44_100, 16, 1, true, false);
        boolean device;
        try (SourceDataLine line = AudioSystem.getSourceDataLine(format)) {
            line.open(format);
            device = true;
        } catch (LineUnavailableException | IllegalArgumentException e) {
            device = false;
        }
        Run r = example("StreamToSpeakers", "Short.");
        if (device) {
            assertEquals(0, r.status(), r.err());
        } else {
            assertEquals(1, r.status());
            assertTrue(r.err().startsWith("no audio output device for 44.1 kHz 16-bit mono here ("), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        }
        assertEquals(2, example("StreamToSpeakers").status());
    }
}
