package dev.zonos4j.server;

import dev.zonos4j.ZonosTts;
import dev.zonos4j.engine.AudioSink;
import dev.zonos4j.engine.Cancellation;
import dev.zonos4j.engine.EncodedStreamSink;
import dev.zonos4j.engine.SpeechListener;
import dev.zonos4j.engine.SpeechResult;
import dev.zonos4j.engine.voice.Voice;
import dev.zonos4j.util.InvalidInputException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

/**
 * {@code POST /v1/audio/speech}: the audio streams out as each segment is decoded (chunked transfer, or
 * server-sent events). Errors found before the first byte are JSON with their status; after it, the stream
 * just ends. A client that goes away cancels its request: its segments and KV memory are freed at once.
 */
final class SpeechRoute {
    /** OpenAI's built-in voice names: when no stored voice has the name, they speak in the model's neutral voice. */
    static final List<String> OPENAI_VOICES = List.of("alloy", "ash", "ballad", "coral", "echo", "fable", "nova",
            "onyx", "sage", "shimmer", "verse");
    static final String NEUTRAL = "neutral";

    private final ServerConfig config;
    private final Supplier<ZonosTts> tts;
    private final Admission admission;
    private final ServerMetrics metrics;
    private final InFlight inFlight;

    SpeechRoute(ServerConfig config, Supplier<ZonosTts> tts, Admission admission, ServerMetrics metrics, InFlight inFlight) {
        this.config = config;
        this.tts = tts;
        this.admission = admission;
        this.metrics = metrics;
        this.inFlight = inFlight;
    }

    void handle(Context ctx) throws Exception {
        ZonosTts t = tts.get();
        SpeechRequest req = SpeechRequest.parse(SpeechServer.readJson(ctx), config);
        Voice voice = voice(t, req.voice());
        admission.enter();
        Cancellation cancellation = new Cancellation();
        inFlight.add(cancellation);
        try {
            ctx.status(200).contentType(req.sse() ? "text/event-stream" : req.format().contentType());
            if (req.sse()) {
                ctx.header("Cache-Control", "no-cache");
            }
            OutputStream out = ctx.outputStream();
            SseSink sse = req.sse() ? new SseSink(req.format(), out, req.progress()) : null;
            AudioSink sink = sse != null ? sse : new EncodedStreamSink(req.format(), out);
            SpeechResult result;
            try {
                result = t.generateSpeech(req.input(), voice, req.options(), sink, sse != null ? sse : SpeechListener.NONE, cancellation);
                if (sse != null) {
                    sse.done(req.input().length(), result.frames(), result.report());
                }
            } catch (IOException | RuntimeException e) {
                if (!ctx.res().isCommitted()) {
                    ctx.res().resetBuffer();
                    throw e;
                }
                // The audio had started: the status is sent, so the stream just ends here.
                metrics.error(clientGone(e) ? "client_disconnected" : e instanceof CancellationException ? "cancelled" : "generation_failed");
                return;
            }
            metrics.finished(result);
        } finally {
            inFlight.remove(cancellation);
            admission.exit();
        }
    }

    private static boolean clientGone(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static Voice voice(ZonosTts t, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        boolean stored = t.voices().store().findVoice(name).isPresent();
        if (!stored && (lower.equals(NEUTRAL) || OPENAI_VOICES.contains(lower))) {
            return null;
        }
        if (!stored) {
            throw ApiException.badRequest("unknown voice '" + name + "': add it with POST /v1/voices (GET /v1/voices"
                    + " lists them), or use '" + NEUTRAL + "'", "voice");
        }
        try {
            return t.voices().named(name);
        } catch (InvalidInputException e) {
            throw ApiException.badRequest(e.getMessage(), "voice");
        }
    }
}
