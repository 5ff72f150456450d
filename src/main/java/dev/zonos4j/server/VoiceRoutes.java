package dev.zonos4j.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.zonos4j.ZonosTts;
import dev.zonos4j.audio.AudioClip;
import dev.zonos4j.audio.AudioReader;
import dev.zonos4j.audio.QualityReport;
import dev.zonos4j.engine.voice.StoredVoice;
import dev.zonos4j.engine.voice.Voices;
import dev.zonos4j.util.InvalidInputException;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Supplier;

/** {@code /v1/voices}: add a voice from a clip (multipart {@code name}, {@code file}), analyze a clip, list, show, delete. */
final class VoiceRoutes {
    private final Supplier<ZonosTts> tts;
    private final ServerMetrics metrics;

    VoiceRoutes(Supplier<ZonosTts> tts, ServerMetrics metrics) {
        this.tts = tts;
        this.metrics = metrics;
    }

    void list(Context ctx) {
        ObjectNode root = JsonNodeFactory.instance.objectNode().put("object", "list");
        ArrayNode data = root.putArray("data");
        for (StoredVoice v : voices().list()) {
            data.add(json(v));
        }
        SpeechServer.json(ctx, 200, root);
    }

    void add(Context ctx) throws IOException {
        String name = ctx.formParam("name");
        UploadedFile file = ctx.uploadedFile("file");
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("form field 'name' is missing", "name");
        }
        if (file == null) {
            throw ApiException.badRequest("form field 'file' (the reference clip) is missing", "file");
        }
        Path tmp = Files.createTempFile("zonos-voice-", "-" + safe(file.filename()));
        try {
            try (InputStream in = file.content()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            Voices voices = voices();
            long before = voices.embeddingsComputed();
            StoredVoice v = voices.add(name, tmp);
            metrics.voiceEmbedding(voices.embeddingsComputed() == before);
            SpeechServer.json(ctx, 201, json(v));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * {@code POST /v1/voices/analyze}: a clip's quality report (verdict, reasons, measures) and the stored voices
     * made from the same audio, without embedding or storing anything, so a person can judge the clip first.
     */
    void analyze(Context ctx) throws IOException {
        UploadedFile file = ctx.uploadedFile("file");
        if (file == null) {
            throw ApiException.badRequest("form field 'file' (the reference clip) is missing", "file");
        }
        byte[] data;
        try (InputStream in = file.content()) {
            data = in.readAllBytes();
        }
        AudioClip clip;
        try {
            clip = AudioReader.decode(data, file.filename());
        } catch (InvalidInputException e) {
            throw ApiException.badRequest(e.getMessage(), "file");
        }
        Voices voices = voices();
        ObjectNode o = QualityReport.of(clip, voices.thresholds()).toJson();
        o.put("file", file.filename());
        o.putArray("stored_as").addAll(voices.voicesWithAudio(clip).stream().map(TextNode::valueOf).toList());
        SpeechServer.json(ctx, 200, o);
    }

    void show(Context ctx) {
        String name = ctx.pathParam("name");
        requireExists(name);
        SpeechServer.json(ctx, 200, json(voices().describe(name)));
    }

    void remove(Context ctx) {
        String name = ctx.pathParam("name");
        requireExists(name);
        voices().remove(name);
        SpeechServer.json(ctx, 200, JsonNodeFactory.instance.objectNode().put("id", name).put("object", "voice")
                .put("deleted", true));
    }

    private void requireExists(String name) {
        if (voices().store().findVoice(name).isEmpty()) {
            throw ApiException.notFound("no voice named '" + name + "' (GET /v1/voices lists them)", "voice_not_found");
        }
    }

    private Voices voices() {
        return tts.get().voices();
    }

    private static String safe(String filename) {
        String f = filename == null ? "clip" : filename.replaceAll("[^A-Za-z0-9._-]", "_");
        return f.length() > 60 ? f.substring(f.length() - 60) : f;
    }

    private static ObjectNode json(StoredVoice v) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", v.name()).put("object", "voice").put("name", v.name()).put("model_id", v.voice().modelId())
                .put("created", v.created().getEpochSecond()).put("source_sha256", v.sourceSha256());
        o.set("quality", v.voice().quality().toJson());
        return o;
    }
}
