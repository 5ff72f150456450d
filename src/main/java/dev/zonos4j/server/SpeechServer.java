package dev.zonos4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zonos4j.ZonosTts;
import dev.zonos4j.util.InvalidInputException;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.util.JavalinException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code zonos serve}: an OpenAI-compatible speech API over one {@link ZonosTts}, on Javalin (Jetty 12, a virtual
 * thread per request, so a request that streams for minutes holds no platform thread). It listens before the
 * models are loaded ({@code /ready} and the API answer 503 until {@link #modelsLoaded} is called). {@code GET /}
 * serves a page for people ({@link WebPage}) on the same API.
 */
public final class SpeechServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final ServerConfig config;
    private final AtomicReference<ZonosTts> tts = new AtomicReference<>();
    private final Admission admission;
    private final ServerMetrics metrics;
    private final InFlight inFlight = new InFlight();
    private final ApiKey apiKey;
    private final Javalin app;
    private volatile boolean draining;

    private SpeechServer(ServerConfig config) {
        this.config = config;
        this.admission = new Admission(config.maxConcurrent(), config.maxQueue());
        this.metrics = new ServerMetrics(admission, tts::get);
        this.apiKey = config.apiKey() == null ? null : new ApiKey(config.apiKey());
        SpeechRoute speech = new SpeechRoute(config, tts::get, admission, metrics, inFlight);
        VoiceRoutes voices = new VoiceRoutes(tts::get, metrics);
        WebPage page = new WebPage(config);
        this.app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            c.concurrency.useVirtualThreads = true;
            c.http.compressionStrategy = CompressionStrategy.NONE;
            // In-flight requests were drained by close() already; idle keep-alive connections need not be awaited.
            c.jetty.modifyServer(jetty -> jetty.setStopTimeout(1_000));
            c.http.maxRequestSize = Math.max(config.maxBodyBytes(), config.maxUploadBytes());
            c.jetty.multipartConfig.maxFileSize(config.maxUploadBytes(), SizeUnit.BYTES);
            c.jetty.multipartConfig.maxTotalRequestSize(config.maxUploadBytes(), SizeUnit.BYTES);
            if (config.corsOrigin() != null) {
                c.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                    if (config.corsOrigin().equals("*")) {
                        rule.anyHost();
                    } else {
                        rule.allowHost(config.corsOrigin());
                    }
                }));
            }
            c.routes.before(this::guard);
            c.routes.after(ctx -> metrics.request(endpoint(ctx.path()), ctx.status().getCode()));
            for (String path : page.paths()) {
                c.routes.get(path, page::serve);
            }
            c.routes.get("/ui/config.json", page::config);
            c.routes.get("/health", ctx -> json(ctx, 200, JsonNodeFactory.instance.objectNode().put("status", "ok")));
            c.routes.get("/ready", this::ready);
            c.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
            c.routes.get("/v1/models", this::models);
            c.routes.post("/v1/audio/speech", speech::handle);
            c.routes.get("/v1/voices", voices::list);
            c.routes.post("/v1/voices", voices::add);
            c.routes.post("/v1/voices/analyze", voices::analyze);
            c.routes.get("/v1/voices/{name}", voices::show);
            c.routes.delete("/v1/voices/{name}", voices::remove);
            c.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e));
            c.routes.exception(InvalidInputException.class, (e, ctx) -> error(ctx, ApiException.badRequest(e.getMessage(), null)));
            c.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, fromJavalin(e)));
            c.routes.exception(Exception.class, (e, ctx) -> error(ctx, ApiException.internal("internal error ("
                    + e.getClass().getSimpleName() + "): " + e.getMessage())));
            c.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    error(ctx, ApiException.notFound("no route " + ctx.method() + " " + ctx.path(), "unknown_route"));
                }
            });
        });
    }

    /** Starts listening; the API answers 503 until {@link #modelsLoaded}. */
    public static SpeechServer start(ServerConfig config) {
        SpeechServer s = new SpeechServer(config);
        s.app.start(config.host(), config.port());
        return s;
    }

    /** The models are loaded: the API opens. */
    public void modelsLoaded(ZonosTts loaded) {
        tts.set(loaded);
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return app.port();
    }

    public String baseUrl() {
        return "http://" + (config.host().contains(":") ? "[" + config.host() + "]" : config.host()) + ":" + port();
    }

    /**
     * Graceful stop: new speech requests get 503, in-flight ones may finish within the configured grace, the
     * rest are cancelled; then the listener closes. The engine stays open: its owner closes it.
     */
    @Override
    public void close() {
        draining = true;
        inFlight.awaitOrCancel(config.shutdownGrace());
        try {
            app.stop();
        } catch (JavalinException e) {
            // Jetty's graceful phase timed out on connections a client keeps open; the listener is stopped anyway.
            if (!(e.getCause() instanceof TimeoutException)) {
                throw e;
            }
        }
    }

    /** Requests generating now (for tests and the load script's checks). */
    int generatingRequests() {
        return admission.running();
    }

    private void guard(Context ctx) {
        String path = ctx.path();
        if (!path.startsWith("/v1/") || ctx.method().name().equals("OPTIONS")) {
            return;
        }
        if (apiKey != null && !apiKey.matches(ctx.header("Authorization"))) {
            throw ApiException.unauthorized("missing or wrong API key: send 'Authorization: Bearer <key>'");
        }
        if (draining) {
            throw ApiException.unavailable("the server is shutting down", "shutting_down");
        }
        if (tts.get() == null) {
            throw ApiException.unavailable("the models are still loading; retry shortly (GET /ready says when)", "model_loading");
        }
        String length = ctx.header("Content-Length");
        long limit = path.startsWith("/v1/voices") ? config.maxUploadBytes() : config.maxBodyBytes();
        if (length != null && parseLong(length) > limit) {
            throw ApiException.tooLarge("the request body has " + length + " bytes; at most " + limit + " are accepted here");
        }
    }

    /** The metrics label for a path: one per route family, never the raw path (unbounded label values). */
    private static String endpoint(String path) {
        if (path.equals("/") || path.startsWith("/ui/") || path.equals("/app.js") || path.equals("/style.css")) {
            return "page";
        }
        for (String known : new String[] {"/v1/audio/speech", "/v1/voices", "/v1/models", "/health", "/ready", "/metrics"}) {
            if (path.startsWith(known)) {
                return known.substring(known.lastIndexOf('/') + 1);
            }
        }
        return "other";
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Content-Length '" + s + "' is not a number", null);
        }
    }

    private void ready(Context ctx) {
        if (tts.get() == null || draining) {
            error(ctx, ApiException.unavailable(draining ? "the server is shutting down" : "the models are still loading",
                    draining ? "shutting_down" : "model_loading"));
            return;
        }
        json(ctx, 200, JsonNodeFactory.instance.objectNode().put("status", "ready"));
    }

    private void models(Context ctx) {
        ObjectNode root = JsonNodeFactory.instance.objectNode().put("object", "list");
        ArrayNode data = root.putArray("data");
        data.addObject().put("id", config.modelId()).put("object", "model").put("created", 0).put("owned_by", "zonos4j");
        for (String alias : SpeechRequest.MODEL_ALIASES) {
            data.addObject().put("id", alias).put("object", "model").put("created", 0).put("owned_by", "zonos4j");
        }
        json(ctx, 200, root);
    }

    private static ApiException fromJavalin(HttpResponseException e) {
        if (e.getStatus() == HttpStatus.CONTENT_TOO_LARGE.getCode()) {
            return ApiException.tooLarge("the request body is larger than this server accepts");
        }
        if (e.getStatus() == HttpStatus.NOT_FOUND.getCode()) {
            return ApiException.notFound(e.getMessage(), "unknown_route");
        }
        return new ApiException(e.getStatus(), e.getStatus() >= 500 ? "server_error" : "invalid_request_error",
                e.getMessage(), null, null, null);
    }

    private void error(Context ctx, ApiException e) {
        metrics.error(e.code == null ? "http_" + e.status : e.code);
        if (e.retryAfterSeconds != null) {
            ctx.header("Retry-After", Integer.toString(e.retryAfterSeconds));
        }
        json(ctx, e.status, e.toJson());
    }

    static void json(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType("application/json").result(body.toString());
    }

    static JsonNode readJson(Context ctx) {
        try {
            return JSON.readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            throw ApiException.badRequest("the request body is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), null);
        }
    }
}
