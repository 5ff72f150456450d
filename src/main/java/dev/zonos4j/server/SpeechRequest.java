package dev.zonos4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zonos4j.audio.encode.OutputFormat;
import dev.zonos4j.engine.QualitySettings;
import dev.zonos4j.engine.SpeechOptions;
import dev.zonos4j.model.zonos.SamplingParams;
import dev.zonos4j.text.Language;
import dev.zonos4j.util.InvalidInputException;
import java.util.List;
import java.util.Locale;

/**
 * The body of {@code POST /v1/audio/speech}: OpenAI's fields ({@code model, input, voice, response_format,
 * speed, stream_format}) and Zonos' own as extra fields ({@code language, speaking_rate, emotion, pitch_std, fmax, cfg, seed,
 * mode, temperature, min_p, max_frames, quality_retry, voice_similarity}, and {@code progress} for
 * {@code speech.progress} events in an SSE stream). Unknown fields are ignored, as OpenAI clients send some we do not use
 * ({@code instructions}).
 */
record SpeechRequest(String input, String voice, OutputFormat format, boolean sse, boolean progress, SpeechOptions options) {

    /** Model names clients send that mean the loaded Zonos model. */
    static final List<String> MODEL_ALIASES = List.of("zonos", "zonos-v0.1", "tts-1", "tts-1-hd", "gpt-4o-mini-tts");

    /** Zonos speaks 15 phonemes per second by default; OpenAI's speed 1.0 means that. */
    private static final float BASE_RATE = 15f;

    static SpeechRequest parse(JsonNode body, ServerConfig config) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("the request body must be a JSON object", null);
        }
        String model = text(body, "model", null);
        if (model != null && !model.equals(config.modelId()) && !MODEL_ALIASES.contains(model)) {
            throw ApiException.badRequest("unknown model '" + model + "'; this server speaks with " + config.modelId()
                    + " (also accepted: " + String.join(", ", MODEL_ALIASES) + ")", "model");
        }
        String input = text(body, "input", null);
        if (input == null || input.isBlank()) {
            throw ApiException.badRequest("'input' is empty: give the text to speak", "input");
        }
        if (input.length() > config.maxInputChars()) {
            throw ApiException.badRequest("'input' has " + input.length() + " characters; this server accepts at most "
                    + config.maxInputChars() + " per request", "input");
        }
        String voice = text(body, "voice", null);
        if (voice == null || voice.isBlank()) {
            throw ApiException.badRequest("'voice' is missing: give a stored voice name (GET /v1/voices) or 'neutral'", "voice");
        }
        OutputFormat format;
        try {
            format = OutputFormat.parse(text(body, "response_format", "mp3"), "response_format");
        } catch (InvalidInputException e) {
            throw ApiException.badRequest(e.getMessage(), "response_format");
        }
        String stream = text(body, "stream_format", "audio").toLowerCase(Locale.ROOT);
        if (!stream.equals("audio") && !stream.equals("sse")) {
            throw ApiException.badRequest("'stream_format' must be 'audio' or 'sse', got '" + stream + "'", "stream_format");
        }
        JsonNode progress = body.get("progress");
        if (progress != null && !progress.isNull() && !progress.isBoolean()) {
            throw ApiException.badRequest("'progress' must be true or false, got " + progress, "progress");
        }
        boolean wantsProgress = progress != null && progress.asBoolean();
        if (wantsProgress && !stream.equals("sse")) {
            throw ApiException.badRequest("'progress' events travel in an SSE stream: also send 'stream_format': 'sse'", "progress");
        }
        return new SpeechRequest(input, voice, format, stream.equals("sse"), wantsProgress, options(body));
    }

    private static SpeechOptions options(JsonNode body) {
        SpeechOptions d = SpeechOptions.defaults();
        SpeechOptions.Builder b = d.toBuilder();
        double speed = number(body, "speed", 1.0);
        if (speed < 0.25 || speed > 4.0) {
            throw ApiException.badRequest("'speed' must be in [0.25, 4.0], got " + speed, "speed");
        }
        b.speakingRate((float) Math.min(40, BASE_RATE * speed));
        if (body.has("speaking_rate")) {
            if (body.has("speed")) {
                throw ApiException.badRequest("give 'speed' (OpenAI's, 1.0 = 15 phonemes/s) or 'speaking_rate'"
                        + " (phonemes per second), not both", "speaking_rate");
            }
            double rate = number(body, "speaking_rate", BASE_RATE);
            if (rate <= 0 || rate > 40) {
                throw ApiException.badRequest("'speaking_rate' must be in (0, 40] phonemes per second, got " + rate,
                        "speaking_rate");
            }
            b.speakingRate((float) rate);
        }
        String language = text(body, "language", d.language());
        try {
            Language.of(language);
        } catch (InvalidInputException e) {
            throw ApiException.badRequest(e.getMessage(), "language");
        }
        b.language(language);
        if (body.has("emotion")) {
            JsonNode e = body.get("emotion");
            if (!e.isArray() || e.size() != 8) {
                throw ApiException.badRequest("'emotion' must be an array of 8 numbers (happiness, sadness, disgust,"
                        + " fear, surprise, anger, other, neutral)", "emotion");
            }
            float[] w = new float[8];
            for (int i = 0; i < 8; i++) {
                if (!e.get(i).isNumber()) {
                    throw ApiException.badRequest("'emotion' must hold numbers, got " + e.get(i), "emotion");
                }
                w[i] = e.get(i).floatValue();
            }
            b.emotion(w);
        }
        b.pitchStd((float) number(body, "pitch_std", d.pitchStd()));
        b.fmax((float) number(body, "fmax", d.fmax()));
        b.cfgScale((float) number(body, "cfg", d.cfgScale()));
        if (body.has("seed")) {
            if (!body.get("seed").canConvertToLong()) {
                throw ApiException.badRequest("'seed' must be an integer, got " + body.get("seed"), "seed");
            }
            b.seed(body.get("seed").asLong());
        }
        String mode = text(body, "mode", "auto").toLowerCase(Locale.ROOT);
        b.mode(switch (mode) {
            case "auto" -> SpeechOptions.Mode.AUTO;
            case "standard" -> SpeechOptions.Mode.STANDARD;
            case "efficient" -> SpeechOptions.Mode.EFFICIENT;
            default -> throw ApiException.badRequest("'mode' must be auto, standard or efficient, got '" + mode + "'", "mode");
        });
        SamplingParams s = d.sampling();
        double temperature = number(body, "temperature", s.temperature());
        double minP = number(body, "min_p", s.minP());
        if (temperature < 0 || minP < 0 || minP > 1) {
            throw ApiException.badRequest("'temperature' must be >= 0 and 'min_p' in [0, 1]",
                    temperature < 0 ? "temperature" : "min_p");
        }
        b.sampling(new SamplingParams((float) temperature, s.topP(), s.topK(), (float) minP, s.linear(), s.conf(),
                s.quad(), s.repetitionPenalty(), s.repetitionPenaltyWindow()));
        if (body.has("max_frames")) {
            b.maxFramesPerSegment((int) number(body, "max_frames", 0));
        }
        b.quality(quality(body, d));
        try {
            return b.build();
        } catch (InvalidInputException e) {
            throw ApiException.badRequest(e.getMessage(), param(e.getMessage()));
        }
    }

    /** {@code quality_retry} (extra takes of a flagged segment) and {@code voice_similarity} (compare voices). */
    private static QualitySettings quality(JsonNode body, SpeechOptions d) {
        QualitySettings q = d.quality();
        JsonNode retry = body.get("quality_retry");
        if (retry != null && !retry.isNull()) {
            if (!retry.canConvertToInt() || !retry.isIntegralNumber() || retry.asInt() < 0 || retry.asInt() > 10) {
                throw ApiException.badRequest("'quality_retry' must be an integer in [0, 10], got " + retry, "quality_retry");
            }
            q = q.withRetries(retry.asInt());
        }
        JsonNode similarity = body.get("voice_similarity");
        if (similarity != null && !similarity.isNull()) {
            if (!similarity.isBoolean()) {
                throw ApiException.badRequest("'voice_similarity' must be true or false, got " + similarity, "voice_similarity");
            }
            q = q.withSimilaritySeconds(similarity.asBoolean() ? QualitySettings.DEFAULT_SIMILARITY_SECONDS : 0);
        }
        return q;
    }

    /** The request field an options check speaks of (its message starts with the option's name), so a page can put it there. */
    private static String param(String message) {
        String first = message.split("[ ]", 2)[0];
        return switch (first) {
            case "emotion", "fmax", "cfg", "language" -> first;
            case "pitch-std" -> "pitch_std";
            case "rate" -> "speaking_rate";
            case "max-frames" -> "max_frames";
            default -> null;
        };
    }

    private static String text(JsonNode body, String field, String fallback) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isTextual()) {
            throw ApiException.badRequest("'" + field + "' must be a string, got " + n, field);
        }
        return n.asText();
    }

    private static double number(JsonNode body, String field, double fallback) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
            throw ApiException.badRequest("'" + field + "' must be a number, got " + n, field);
        }
        return n.asDouble();
    }
}
