package dev.zonos4j.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zonos4j.audio.encode.OutputFormat;
import dev.zonos4j.engine.SpeechOptions;
import dev.zonos4j.text.Language;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The page at {@code GET /}: plain HTML, CSS and JavaScript from the jar (no build step, nothing from other
 * hosts), which speaks through the same public API any client uses. {@code GET /ui/config.json} tells it the
 * defaults, languages and formats, so the page never restates what the server knows.
 */
final class WebPage {
    private static final String ROOT = "/dev/zonos4j/server/web/";
    private static final Map<String, String> FILES = Map.of(
            "/", "index.html",
            "/app.js", "app.js",
            "/style.css", "style.css");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");

    private final Map<String, byte[]> content;
    private final String config;

    WebPage(ServerConfig serverConfig) {
        this.content = FILES.entrySet().stream()
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> read(e.getValue())));
        this.config = config(serverConfig).toString();
    }

    Iterable<String> paths() {
        return FILES.keySet();
    }

    void serve(Context ctx) {
        String file = FILES.get(ctx.path());
        ctx.contentType(TYPES.get(file.substring(file.lastIndexOf('.') + 1)))
                .header("Cache-Control", "no-cache")
                .header("Content-Security-Policy", "default-src 'self'; media-src 'self' blob:; img-src 'self' data:")
                .result(content.get(ctx.path()));
    }

    void config(Context ctx) {
        ctx.contentType("application/json").result(config);
    }

    private static ObjectNode config(ServerConfig serverConfig) {
        SpeechOptions d = SpeechOptions.defaults();
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("model", serverConfig.modelId());
        o.put("max_input_chars", serverConfig.maxInputChars());
        o.put("api_key_required", serverConfig.apiKey() != null);
        ObjectNode defaults = o.putObject("defaults");
        defaults.put("language", d.language()).put("speaking_rate", d.speakingRate()).put("pitch_std", d.pitchStd())
                .put("fmax", d.fmax()).put("cfg", d.cfgScale()).put("seed", d.seed())
                .put("mode", d.mode().name().toLowerCase(java.util.Locale.ROOT));
        ArrayNode emotion = defaults.putArray("emotion");
        for (float w : d.emotion()) {
            emotion.add(w);
        }
        o.putArray("emotions").add("happiness").add("sadness").add("disgust").add("fear").add("surprise").add("anger")
                .add("other").add("neutral");
        ArrayNode languages = o.putArray("languages");
        Language.all().forEach(l -> languages.add(l.code()));
        ArrayNode formats = o.putArray("formats");
        for (OutputFormat f : OutputFormat.values()) {
            formats.add(f.apiName());
        }
        return o;
    }

    private static byte[] read(String name) {
        try (InputStream in = WebPage.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks the page resource " + ROOT + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
