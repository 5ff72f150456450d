// Call `zonos serve` the way OpenAI's clients call POST /v1/audio/speech, with nothing but java.net.http: the
// audio is written to the file as it streams in, so a long text starts arriving after its first segment.
// Needs only a JDK (no Zonos4J classes):
//   java examples/OpenAiSpeech.java http://127.0.0.1:8880 out.mp3 "Text to speak." [voice]
// The format follows the file's extension (mp3, wav, flac, opus, pcm); the voice is a stored voice name or an
// OpenAI name such as alloy (the model's neutral voice). OPENAI_API_KEY, when set, is sent as the bearer key
// (`zonos serve --api-key`). Errors come back as OpenAI's {"error": {"message": ...}} and are printed as such.

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public final class OpenAiSpeech {
    public static void main(String[] args) throws Exception {
        int status = run(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    public static int run(String[] args) throws Exception {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: OpenAiSpeech BASE_URL OUT_FILE TEXT [VOICE]");
            return 2;
        }
        Path out = Path.of(args[1]);
        String name = out.getFileName().toString();
        String format = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "mp3";
        String body = "{\"model\":\"tts-1\",\"input\":" + json(args[2]) + ",\"voice\":" + json(args.length == 4 ? args[3] : "alloy")
                + ",\"response_format\":" + json(format) + "}";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(args[0].replaceAll("/+$", "") + "/v1/audio/speech"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        String key = System.getenv("OPENAI_API_KEY");
        if (key != null && !key.isBlank()) {
            request.header("Authorization", "Bearer " + key);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        long start = System.nanoTime();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException e) {
            System.err.println("cannot reach " + args[0] + ": is `zonos serve` running there?");
            return 1;
        }
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                String error = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                Matcher m = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(error);
                System.err.println("HTTP " + response.statusCode() + ": " + (m.find() ? m.group(1) : error));
                return 1;
            }
            Path partial = out.resolveSibling(name + ".partial");
            long bytes = 0;
            double firstByte = -1;
            try (OutputStream file = Files.newOutputStream(partial)) {
                byte[] buffer = new byte[16 << 10];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    if (firstByte < 0) {
                        firstByte = (System.nanoTime() - start) / 1e9;
                    }
                    file.write(buffer, 0, n);
                    bytes += n;
                }
            }
            Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING);
            System.out.printf(Locale.ROOT, "%s: %d bytes of %s; first bytes after %.2f s, all after %.2f s%n", out, bytes,
                    response.headers().firstValue("Content-Type").orElse(format), firstByte,
                    (System.nanoTime() - start) / 1e9);
        }
        return 0;
    }

    /** A JSON string literal. */
    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(c < 0x20 ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return b.append('"').toString();
    }
}
