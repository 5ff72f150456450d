package dev.zonos4j.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zonos4j.TestKits;
import dev.zonos4j.ZonosTts;
import dev.zonos4j.audio.AudioClip;
import dev.zonos4j.audio.AudioReader;
import dev.zonos4j.audio.WavWriter;
import dev.zonos4j.audio.encode.OggOpusReader;
import dev.zonos4j.audio.join.JoinConfig;
import dev.zonos4j.tensor.WeightMatrix;
import dev.zonos4j.text.TextFrontEnd;
import dev.zonos4j.weights.hub.HubConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP API on a free loopback port with the tiny kit models. */
class SpeechServerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SHORT = "A short request. It has two sentences.";

    static Path tmp;
    static ZonosTts tts;
    static SpeechServer server;
    static SpeechServer keyed;
    static SpeechServer loading;
    static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() throws Exception {
        tmp = Files.createTempDirectory("zonos-server-test");
        ZonosTts.Config c = new ZonosTts.Config(TestKits.zonos().resolve("tiny").toString(),
                TestKits.dac().resolve("tiny").toString(), TestKits.speaker().resolve("tiny").toString(),
                WeightMatrix.Storage.F32, 0, 64L << 20, tmp.resolve("voices.db"), 8,
                HubConfig.of(URI.create("http://127.0.0.1:9"), tmp.resolve("hub")).withOffline(true),
                JoinConfig.defaults(44_100), TextFrontEnd.DEFAULT_BUDGET);
        tts = ZonosTts.open(c);
        ServerConfig base = ServerConfig.defaults().withPort(0).withLimits(20_000, 8, 8, 64 << 10);
        server = SpeechServer.start(base);
        server.modelsLoaded(tts);
        keyed = SpeechServer.start(base.withApiKey("sekret").withLimits(20_000, 1, 0, 64 << 10));
        keyed.modelsLoaded(tts);
        loading = SpeechServer.start(base.withCorsOrigin("https://app.example"));
    }

    @AfterAll
    static void stop() {
        for (SpeechServer s : new SpeechServer[] {server, keyed, loading}) {
            if (s != null) {
                s.close();
            }
        }
        if (tts != null) {
            tts.close();
        }
    }

    /** A request body: tiny segments (24 frames at most) so the tiny model runs fast. */
    static String body(String input, String format, String... extra) {
        StringBuilder b = new StringBuilder("{\"model\":\"tts-1\",\"voice\":\"alloy\",\"seed\":5,\"max_frames\":24,\"input\":")
                .append(JSON.valueToTree(input).toString()).append(",\"response_format\":\"").append(format).append('"');
        for (int i = 0; i < extra.length; i += 2) {
            b.append(",\"").append(extra[i]).append("\":").append(extra[i + 1]);
        }
        return b.append('}').toString();
    }

    /** {@code n} sentences: a long text of many segments. */
    static String chapter(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("Sentence number ").append(i + 1).append(" of a long chapter goes on for a while here. ");
            if (i % 4 == 3) {
                b.append("\n\n");
            }
        }
        return b.toString();
    }

    static HttpResponse<byte[]> post(SpeechServer s, String path, String json, String... headers) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(s.baseUrl() + path)).timeout(Duration.ofMinutes(3))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<byte[]> speech(String json) throws Exception {
        return post(server, "/v1/audio/speech", json);
    }

    static HttpResponse<byte[]> get(SpeechServer s, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode error(HttpResponse<byte[]> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        JsonNode e = JSON.readTree(r.body()).get("error");
        assertTrue(e != null && e.get("message").isTextual() && e.has("type") && e.has("param") && e.has("code"),
                "OpenAI error JSON expected: " + new String(r.body(), StandardCharsets.UTF_8));
        assertTrue(!e.get("message").asText().contains("\tat "), "no stack traces in responses");
        return e;
    }

    static double metric(String name) throws Exception {
        String text = new String(get(server, "/metrics").body(), StandardCharsets.UTF_8);
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for: " + what);
            Thread.sleep(20);
        }
    }

    @Test
    void wavAndEveryEncodedFormatDecode() throws Exception {
        HttpResponse<byte[]> wav = speech(body(SHORT, "wav"));
        assertEquals(200, wav.statusCode());
        assertEquals("audio/wav", wav.headers().firstValue("Content-Type").orElse(""));
        AudioClip reference = AudioReader.decode(wav.body(), "response.wav");
        assertEquals(44_100, reference.sampleRate());
        assertTrue(reference.seconds() > 0.1, "audio expected: " + reference.seconds() + " s");

        byte[] pcm = speech(body(SHORT, "pcm")).body();
        assertEquals(2 * reference.frames(), pcm.length);
        assertArrayEquals(Arrays.copyOfRange(wav.body(), wav.body().length - pcm.length, wav.body().length), pcm);

        HttpResponse<byte[]> flac = speech(body(SHORT, "flac"));
        assertEquals("audio/flac", flac.headers().firstValue("Content-Type").orElse(""));
        assertArrayEquals(reference.mono(), AudioReader.decode(flac.body(), "response.flac").mono(), "FLAC is lossless");

        HttpResponse<byte[]> mp3 = speech(body(SHORT, "mp3"));
        assertEquals("audio/mpeg", mp3.headers().firstValue("Content-Type").orElse(""));
        AudioClip decodedMp3 = AudioReader.decode(mp3.body(), "response.mp3");
        assertTrue(Math.abs(decodedMp3.seconds() - reference.seconds()) < 0.1, decodedMp3.seconds() + " vs " + reference.seconds());

        OggOpusReader.Decoded opus = OggOpusReader.read(speech(body(SHORT, "opus")).body());
        assertEquals(Math.ceil(reference.frames() * 48_000.0 / 44_100), opus.samples().length, 1);
    }

    @Test
    void theFirstChunkArrivesWhileGenerationGoesOn() throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/audio/speech"))
                .POST(HttpRequest.BodyPublishers.ofString(body(chapter(24), "pcm", "mode", "\"standard\""))).build();
        HttpResponse<InputStream> resp = http.send(r, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, resp.statusCode());
        try (InputStream in = resp.body()) {
            assertTrue(in.read(new byte[1024]) > 0);
            // The handler returns only when every segment is done; it is still generating after the first chunk.
            assertEquals(1, server.generatingRequests(), "first audio must arrive before generation ends");
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    @Test
    void sseFramesTheSameAudioAsDeltaEventsThenDoneThenTheReport() throws Exception {
        byte[] plain = speech(body(SHORT, "wav")).body();
        HttpResponse<byte[]> sse = speech(body(SHORT, "wav", "stream_format", "\"sse\""));
        assertEquals(200, sse.statusCode());
        assertTrue(sse.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        String text = new String(sse.body(), StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\n\n"), "events end with a blank line");
        List<JsonNode> events = new ArrayList<>();
        for (String event : text.split("\n\n")) {
            assertTrue(event.startsWith("data: ") && !event.contains("\n"), "one data line per event: " + event);
            events.add(JSON.readTree(event.substring(6)));
        }
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        for (JsonNode e : events.subList(0, events.size() - 2)) {
            assertEquals("speech.audio.delta", e.get("type").asText());
            audio.write(Base64.getDecoder().decode(e.get("audio").asText()));
        }
        JsonNode done = events.get(events.size() - 2);
        assertEquals("speech.audio.done", done.get("type").asText());
        assertTrue(done.get("usage").get("output_tokens").asLong() > 0);
        assertTrue(events.size() >= 4, "header, audio, done and report events: " + events.size());
        assertArrayEquals(plain, audio.toByteArray());

        JsonNode report = events.getLast();
        assertEquals("speech.report", report.get("type").asText());
        JsonNode r = report.get("report");
        assertEquals(2, r.get("report_version").asInt());
        assertEquals(5, r.get("seed").asLong());
        int segments = r.get("segment_count").asInt();
        assertEquals(segments, r.get("segments").size());
        assertEquals(Math.max(0, segments - 1), r.get("joins").size(), "every join between audible segments is measured");
        double seconds = (plain.length - 44) / 2 / 44_100.0;
        assertEquals(seconds, r.get("audio_seconds").asDouble(), 1e-6, "the report speaks of the audio sent");
        assertEquals((int) Math.ceil(seconds * 100 - 1e-9), r.get("envelope").get("max").size());
        assertTrue(r.get("segments").get(0).get("voice_similarity").isNull(), "neutral voice, similarity off");
    }

    @Test
    void qualityFieldsReachTheReport() throws Exception {
        HttpResponse<byte[]> sse = speech(body(SHORT + "\n\nA second paragraph.", "pcm", "stream_format", "\"sse\"", "quality_retry", "1",
                "voice_similarity", "true"));
        assertEquals(200, sse.statusCode(), new String(sse.body(), StandardCharsets.UTF_8));
        String[] events = new String(sse.body(), StandardCharsets.UTF_8).strip().split("\n\n");
        JsonNode r = JSON.readTree(events[events.length - 1].substring(6)).get("report");
        JsonNode segments = r.get("segments");
        assertTrue(segments.size() >= 2, r.toString());
        // No reference voice ('alloy' is the neutral voice), but segments are compared with each other.
        assertTrue(segments.get(0).get("voice_similarity").isNull() && segments.get(0).get("similarity_to_previous").isNull());
        double toPrevious = segments.get(1).get("similarity_to_previous").asDouble(Double.NaN);
        assertTrue(toPrevious >= -1 && toPrevious <= 1, segments.get(1).toString());
        for (JsonNode s : segments) {
            int takes = s.get("takes").asInt();
            assertTrue(takes >= 1 && takes <= 2 + 1, "one take, a quality retry, maybe a cap retry: " + takes);
        }
        assertEquals("quality_retry", error(speech(body(SHORT, "wav", "quality_retry", "11")), 400).get("param").asText());
        assertEquals("voice_similarity", error(speech(body(SHORT, "wav", "voice_similarity", "4")), 400).get("param").asText());
    }

    @Test
    void errorsAreOpenAiJsonWithTheRightStatus() throws Exception {
        double bad = metric("zonos_requests_total{endpoint=\"speech\",status=\"400\"}");
        assertEquals("input", error(speech(body("", "wav")), 400).get("param").asText());
        assertEquals("input", error(speech(body("x".repeat(20_001), "wav")), 400).get("param").asText());
        assertEquals("voice", error(speech(body(SHORT, "wav").replace("\"alloy\"", "\"nobody\"")), 400).get("param").asText());
        JsonNode aac = error(speech(body(SHORT, "aac")), 400);
        assertTrue(aac.get("message").asText().contains("wav, pcm, flac, mp3, opus"), aac.toString());
        assertEquals("speed", error(speech(body(SHORT, "wav", "speed", "9")), 400).get("param").asText());
        assertEquals("language", error(speech(body(SHORT, "wav", "language", "\"xx\"")), 400).get("param").asText());
        assertEquals("emotion", error(speech(body(SHORT, "wav", "emotion", "[1,2]")), 400).get("param").asText());
        error(speech(body(SHORT, "wav", "cfg", "0.5")), 400);
        error(speech(body("?! ... ;", "wav")), 400);
        error(speech("{not json"), 400);
        assertEquals("unknown_route", error(get(server, "/v1/nothing-here"), 404).get("code").asText());
        assertEquals("voice_not_found", error(get(server, "/v1/voices/nobody"), 404).get("code").asText());
        error(speech(body("y".repeat(70 << 10), "wav")), 413);
        assertEquals("model_loading", error(post(loading, "/v1/audio/speech", body(SHORT, "wav")), 503).get("code").asText());
        error(get(loading, "/ready"), 503);
        assertEquals(200, get(server, "/ready").statusCode());
        assertEquals(200, get(loading, "/health").statusCode());
        assertEquals(bad + 10, metric("zonos_requests_total{endpoint=\"speech\",status=\"400\"}"), "requests counted by status");
    }

    @Test
    void theApiKeyIsRequiredWhenSetAndTheQueueLimitAnswers429() throws Exception {
        String json = body(SHORT, "wav");
        assertEquals("invalid_api_key", error(post(keyed, "/v1/audio/speech", json), 401).get("code").asText());
        error(post(keyed, "/v1/audio/speech", json, "Authorization", "Bearer wrong"), 401);
        error(post(keyed, "/v1/audio/speech", json, "Authorization", "Bearer sekretX"), 401);
        assertEquals(200, post(keyed, "/v1/audio/speech", json, "Authorization", "Bearer sekret").statusCode());
        assertEquals(200, get(keyed, "/health").statusCode(), "health needs no key");

        // One generation slot, no queue: while a long request streams, another is refused with Retry-After.
        HttpRequest longOne = HttpRequest.newBuilder(URI.create(keyed.baseUrl() + "/v1/audio/speech"))
                .header("Authorization", "Bearer sekret")
                .POST(HttpRequest.BodyPublishers.ofString(body(chapter(16), "pcm", "mode", "\"standard\""))).build();
        HttpResponse<InputStream> first = http.send(longOne, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = first.body()) {
            assertTrue(in.read(new byte[64]) > 0);
            HttpResponse<byte[]> refused = post(keyed, "/v1/audio/speech", json, "Authorization", "Bearer sekret");
            assertEquals("queue_full", error(refused, 429).get("code").asText());
            assertTrue(refused.headers().firstValue("Retry-After").isPresent());
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    @Test
    void aClientThatDisconnectsFreesItsSegmentsAndKvAtOnce() throws Exception {
        assertEquals(0, tts.kvBytesInUse(), "idle before");
        double disconnectsBefore = metric("zonos_errors_total{kind=\"client_disconnected\"}");
        String json = body(chapter(40), "pcm", "mode", "\"standard\"");
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/audio/speech HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = new byte[4096];
            int n = in.read(head);
            String response = new String(head, 0, Math.max(0, n), StandardCharsets.US_ASCII);
            assertTrue(response.startsWith("HTTP/1.1 200"), response);
            waitFor(() -> tts.kvBytesInUse() > 0, "the request to hold KV");
            socket.setSoLinger(true, 0); // reset, as a client that dies does
        }
        waitFor(() -> server.generatingRequests() == 0, "the request to end");
        assertEquals(0, tts.kvBytesInUse(), "KV in use back to its idle value");
        assertEquals(0, tts.activeSegments());
        System.gc(); // gauges must not lose what they read
        assertEquals(0.0, metric("zonos_kv_bytes_in_use_bytes"), "/metrics reports the idle KV too");
        assertEquals(0.0, metric("zonos_segments_active"));
        assertEquals(disconnectsBefore + 1, metric("zonos_errors_total{kind=\"client_disconnected\"}"),
                "the request was cut short by the disconnect, not finished");
    }

    @Test
    void concurrentRequestsShareDecodeStepsAndEachGetsTheAudioItGetsAlone() throws Exception {
        String longJson = body(chapter(16), "wav", "mode", "\"standard\"", "seed", "11");
        String shortJson = body(SHORT, "wav", "mode", "\"standard\"", "seed", "12");
        byte[] longAlone = speech(longJson).body();
        byte[] shortAlone = speech(shortJson).body();
        double sharedBefore = metric("zonos_requests_shared_steps_total");

        HttpRequest r = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/audio/speech"))
                .POST(HttpRequest.BodyPublishers.ofString(longJson)).build();
        HttpResponse<InputStream> longResp = http.send(r, HttpResponse.BodyHandlers.ofInputStream());
        ByteArrayOutputStream longTogether = new ByteArrayOutputStream();
        byte[] shortTogether;
        try (InputStream in = longResp.body()) {
            byte[] first = new byte[65_536];
            int n = in.read(first);
            longTogether.write(first, 0, n);
            CompletableFuture<HttpResponse<byte[]>> shortResp = http.sendAsync(HttpRequest.newBuilder(
                    URI.create(server.baseUrl() + "/v1/audio/speech")).POST(HttpRequest.BodyPublishers.ofString(shortJson)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            in.transferTo(longTogether);
            shortTogether = shortResp.get().body();
        }
        assertArrayEquals(longAlone, longTogether.toByteArray(), "long request: same audio as alone");
        assertArrayEquals(shortAlone, shortTogether, "short request: same audio as alone");
        assertTrue(metric("zonos_requests_shared_steps_total") >= sharedBefore + 1,
                "their segments must have been decoded in the same steps");
    }

    @Test
    void corsIsOffUnlessAnOriginIsGiven() throws Exception {
        HttpRequest.Builder preflight = HttpRequest.newBuilder().method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example").header("Access-Control-Request-Method", "POST");
        HttpResponse<byte[]> off = http.send(preflight.copy().uri(URI.create(server.baseUrl() + "/v1/audio/speech")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertTrue(off.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), "no CORS by default");
        HttpResponse<byte[]> on = http.send(preflight.copy().uri(URI.create(loading.baseUrl() + "/v1/audio/speech")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("https://app.example", on.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    }

    @Test
    void shutdownCancelsWhatOutlastsTheGraceAndFreesItsKv() throws Exception {
        SpeechServer closing = SpeechServer.start(ServerConfig.defaults().withPort(0).withLimits(20_000, 8, 8, 64 << 10)
                .withShutdownGrace(Duration.ZERO));
        closing.modelsLoaded(tts);
        HttpRequest r = HttpRequest.newBuilder(URI.create(closing.baseUrl() + "/v1/audio/speech"))
                .POST(HttpRequest.BodyPublishers.ofString(body(chapter(40), "pcm", "mode", "\"standard\""))).build();
        HttpResponse<InputStream> resp = http.send(r, HttpResponse.BodyHandlers.ofInputStream());
        long received;
        try (InputStream in = resp.body()) {
            received = in.read(new byte[1024]);
            waitFor(() -> tts.kvBytesInUse() > 0, "the request to hold KV");
            closing.close();
            assertEquals(0, closing.generatingRequests(), "close() returns once in-flight requests ended");
            try {
                received += in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException cutShort) {
                // the stream was cut: what shutdown of an overlong request means
            }
        }
        byte[] full = speech(body(chapter(40), "pcm", "mode", "\"standard\"")).body();
        assertTrue(received < full.length, "the request was cancelled, not finished: " + received + " of " + full.length);
        assertEquals(0, tts.kvBytesInUse());
    }

    @Test
    void voicesCanBeAddedListedShownAndDeleted() throws Exception {
        float[] clip = new float[16_000 * 6];
        for (int i = 0; i < clip.length; i++) {
            clip[i] = (float) (0.3 * Math.sin(i * 0.07) * (1 + Math.sin(i * 0.0005)));
        }
        Path wav = tmp.resolve("clip.wav");
        try (var w = WavWriter.create(wav, 16_000, WavWriter.Encoding.PCM16)) {
            w.write(clip);
            w.finish();
        }
        String boundary = "zonos-boundary";
        ByteArrayOutputStream form = new ByteArrayOutputStream();
        form.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nsine\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"clip.wav\"\r\nContent-Type: audio/wav\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        form.write(Files.readAllBytes(wav));
        form.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpResponse<byte[]> added = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/voices"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray())).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(201, added.statusCode(), new String(added.body(), StandardCharsets.UTF_8));
        JsonNode voice = JSON.readTree(added.body());
        assertEquals("sine", voice.get("name").asText());
        assertTrue(voice.get("quality").has("verdict"));
        JsonNode list = JSON.readTree(get(server, "/v1/voices").body());
        assertTrue(list.get("data").findValuesAsText("name").contains("sine"));
        assertEquals("sine", JSON.readTree(get(server, "/v1/voices/sine").body()).get("name").asText());
        HttpResponse<byte[]> spoken = speech(body(SHORT, "wav").replace("\"alloy\"", "\"sine\""));
        assertEquals(200, spoken.statusCode());
        HttpResponse<byte[]> deleted = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/voices/sine"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, deleted.statusCode());
        error(get(server, "/v1/voices/sine"), 404);
        JsonNode models = JSON.readTree(get(server, "/v1/models").body());
        assertTrue(models.get("data").findValuesAsText("id").contains("tts-1"));
        String metrics = new String(get(server, "/metrics").body(), StandardCharsets.UTF_8);
        for (String name : List.of("zonos_queue_depth", "zonos_segments_active", "zonos_kv_bytes_in_use_bytes",
                "zonos_time_to_first_audio_seconds_bucket", "zonos_voice_cache_misses_total", "zonos_requests_total",
                "zonos_errors_total", "zonos_real_time_factor", "zonos_frames_per_second")) {
            assertTrue(metrics.contains(name), name + " missing from /metrics");
        }
    }
}
