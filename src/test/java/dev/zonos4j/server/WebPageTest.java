package dev.zonos4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zonos4j.TestKits;
import dev.zonos4j.ZonosTts;
import dev.zonos4j.audio.AudioClip;
import dev.zonos4j.audio.TestAudio;
import dev.zonos4j.audio.join.JoinConfig;
import dev.zonos4j.tensor.WeightMatrix;
import dev.zonos4j.text.TextFrontEnd;
import dev.zonos4j.weights.hub.HubConfig;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The page's files, its config, clip analysis and the progress events it draws from (the browser test is .ci/browser). */
class WebPageTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    static Path tmp;
    static ZonosTts tts;
    static SpeechServer server;

    @BeforeAll
    static void start() throws Exception {
        tmp = Files.createTempDirectory("zonos-page-test");
        tts = ZonosTts.open(new ZonosTts.Config(TestKits.zonos().resolve("tiny").toString(),
                TestKits.dac().resolve("tiny").toString(), TestKits.speaker().resolve("tiny").toString(),
                WeightMatrix.Storage.F32, 0, 64L << 20, tmp.resolve("voices.db"), 8,
                HubConfig.of(URI.create("http://127.0.0.1:9"), tmp.resolve("hub")).withOffline(true),
                JoinConfig.defaults(44_100), TextFrontEnd.DEFAULT_BUDGET));
        server = SpeechServer.start(ServerConfig.defaults().withPort(0));
        server.modelsLoaded(tts);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (tts != null) {
            tts.close();
        }
    }

    @Test
    void pageAndItsFilesAreServedFromTheJar() throws Exception {
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        for (String id : List.of("id=\"input\"", "id=\"voice\"", "id=\"clip\"", "id=\"speak\"", "id=\"progress\"",
                "id=\"player\"", "id=\"download-format\"", "id=\"seed\"", "id=\"mode\"", "src=\"/app.js\"")) {
            assertTrue(page.body().contains(id), "the page has " + id);
        }
        assertTrue(!page.body().contains("https://") && !page.body().contains("http://"), "nothing from other hosts");
        HttpResponse<String> js = get("/app.js");
        assertEquals(200, js.statusCode());
        assertTrue(js.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        assertTrue(js.body().contains("/v1/audio/speech"));
        assertTrue(get("/style.css").headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
    }

    @Test
    void configTellsDefaultsLanguagesAndFormats() throws Exception {
        JsonNode c = JSON.readTree(get("/ui/config.json").body());
        assertEquals(8, c.get("emotions").size());
        assertEquals(8, c.get("defaults").get("emotion").size());
        assertEquals(15.0, c.get("defaults").get("speaking_rate").asDouble());
        List<String> languages = new ArrayList<>();
        c.get("languages").forEach(n -> languages.add(n.asText()));
        assertTrue(languages.contains("en-us") && languages.contains("ja"), languages.toString());
        List<String> formats = new ArrayList<>();
        c.get("formats").forEach(n -> formats.add(n.asText()));
        assertEquals(List.of("wav", "pcm", "flac", "mp3", "opus"), formats);
        assertEquals(false, c.get("api_key_required").asBoolean());
    }

    @Test
    void analyzeReportsTheClipAndStoresNothing() throws Exception {
        float[] speech = TestAudio.bursts(12, 0.3, 0.2, 0.01, 16_000);
        byte[] wav = TestAudio.wav(new AudioClip(new float[][] {speech}, 16_000), TestAudio.Encoding.PCM16, false);
        HttpResponse<String> r = multipart("/v1/voices/analyze", "me.wav", wav);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode report = JSON.readTree(r.body());
        assertEquals("good", report.get("verdict").asText(), r.body());
        assertEquals(12.0, report.get("seconds").asDouble(), 1e-6);
        assertEquals("me.wav", report.get("file").asText());
        assertEquals(0, report.get("stored_as").size());
        assertEquals(0, tts.voices().list().size(), "analyze stores nothing");

        HttpResponse<String> silent = multipart("/v1/voices/analyze", "quiet.wav",
                TestAudio.wav(new AudioClip(new float[][] {new float[48_000]}, 16_000), TestAudio.Encoding.PCM16, false));
        assertEquals("unusable", JSON.readTree(silent.body()).get("verdict").asText(), silent.body());
        HttpResponse<String> garbage = multipart("/v1/voices/analyze", "noise.wav", "not audio".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, garbage.statusCode());
        assertEquals("file", JSON.readTree(garbage.body()).get("error").get("param").asText());
    }

    @Test
    void progressEventsCountSegmentsAndAudioSeconds() throws Exception {
        String base = "{\"voice\":\"alloy\",\"seed\":7,\"max_frames\":24,\"input\":\"One paragraph here. Two sentences.\\n\\n"
                + "And a second paragraph.\",\"response_format\":\"pcm\"";
        HttpResponse<String> sse = post(base + ",\"stream_format\":\"sse\",\"progress\":true}");
        assertEquals(200, sse.statusCode(), sse.body());
        List<JsonNode> progress = new ArrayList<>();
        long pcmBytes = 0;
        List<String> types = new ArrayList<>();
        for (String event : sse.body().strip().split("\n\n")) {
            JsonNode e = JSON.readTree(event.substring("data: ".length()));
            String lastType = e.get("type").asText();
            types.add(lastType);
            switch (lastType) {
                case "speech.progress" -> progress.add(e);
                case "speech.audio.delta" -> pcmBytes += Base64.getDecoder().decode(e.get("audio").asText()).length;
                default -> { }
            }
        }
        assertEquals(List.of("speech.audio.done", "speech.report"), types.subList(types.size() - 2, types.size()));
        JsonNode last = progress.getLast();
        int segments = last.get("segments").asInt();
        assertTrue(segments >= 2, "two paragraphs make at least two segments, got " + segments);
        assertEquals(segments, last.get("segments_done").asInt());
        assertEquals(44_100, last.get("sample_rate").asInt());
        assertEquals(pcmBytes / 2 / 44_100.0, last.get("audio_seconds").asDouble(), 1e-4, "audio seconds are what was sent");
        assertTrue(last.get("rtf").asDouble() > 0);
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i).get("segments_done").asInt() >= progress.get(i - 1).get("segments_done").asInt());
            assertTrue(progress.get(i).get("audio_seconds").asDouble() >= progress.get(i - 1).get("audio_seconds").asDouble());
        }
        HttpResponse<String> plain = post(base + ",\"stream_format\":\"sse\"}");
        assertTrue(!plain.body().contains("speech.progress"), "progress events only when asked for");
        HttpResponse<String> notSse = post(base + ",\"progress\":true}");
        assertEquals(400, notSse.statusCode());
        assertEquals("progress", JSON.readTree(notSse.body()).get("error").get("param").asText());
    }

    @Test
    void optionErrorsNameTheirField() throws Exception {
        String base = "{\"voice\":\"alloy\",\"input\":\"Hello.\"";
        assertEquals("pitch_std", param(post(base + ",\"pitch_std\":900}")));
        assertEquals("fmax", param(post(base + ",\"fmax\":-1}")));
        assertEquals("cfg", param(post(base + ",\"cfg\":0.5}")));
        assertEquals("speaking_rate", param(post(base + ",\"speaking_rate\":50}")));
        assertEquals("speaking_rate", param(post(base + ",\"speaking_rate\":10,\"speed\":1}")));
    }

    private static String param(HttpResponse<String> r) throws Exception {
        assertEquals(400, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("error").get("param").asText();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/audio/speech"))
                .timeout(Duration.ofMinutes(3)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> multipart(String path, String filename, byte[] data) throws Exception {
        String boundary = "zonos-page-boundary";
        ByteArrayOutputStream form = new ByteArrayOutputStream();
        form.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        form.write(data);
        form.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }
}
