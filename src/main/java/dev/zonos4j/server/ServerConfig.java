package dev.zonos4j.server;

import java.time.Duration;

/**
 * How {@code zonos serve} listens and what it accepts.
 *
 * @param host            address to bind (127.0.0.1 by default: only this machine)
 * @param port            TCP port (0: any free port)
 * @param apiKey          when not null, every /v1 request needs {@code Authorization: Bearer <apiKey>}
 * @param corsOrigin      when not null, browsers from this origin (or {@code *}) may call the API
 * @param maxInputChars   longest {@code input} text accepted
 * @param maxConcurrent   requests generating at once (their segments share decode steps)
 * @param maxQueue        requests waiting for a generation slot; more are answered 429
 * @param maxBodyBytes    largest JSON request body
 * @param maxUploadBytes  largest voice upload (multipart)
 * @param shutdownGrace   how long in-flight requests may finish on shutdown before they are cancelled
 * @param modelId         the model name /v1/models reports
 */
public record ServerConfig(String host, int port, String apiKey, String corsOrigin, int maxInputChars,
                           int maxConcurrent, int maxQueue, long maxBodyBytes, long maxUploadBytes,
                           Duration shutdownGrace, String modelId) {

    public static final String DEFAULT_MODEL_ID = "Zyphra/Zonos-v0.1-transformer";

    public ServerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("--host must be given");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be in [0, 65535], got " + port);
        }
        if (apiKey != null && apiKey.isBlank()) {
            throw new IllegalArgumentException("--api-key must not be blank");
        }
        if (maxInputChars < 1) {
            throw new IllegalArgumentException("--max-input-chars must be >= 1, got " + maxInputChars);
        }
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("--max-concurrent must be >= 1, got " + maxConcurrent);
        }
        if (maxQueue < 0) {
            throw new IllegalArgumentException("--max-queue must be >= 0, got " + maxQueue);
        }
        if (maxBodyBytes < 1024 || maxUploadBytes < 1024) {
            throw new IllegalArgumentException("body and upload limits must be at least 1 KiB");
        }
        if (shutdownGrace == null || shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdown grace must be >= 0");
        }
        if (modelId == null || modelId.isBlank()) {
            throw new IllegalArgumentException("model id must be given");
        }
    }

    /** Loopback on port 8880, no key, no CORS, 100,000 characters, 8 generating and 32 waiting, 1 MiB bodies, 32 MiB uploads. */
    public static ServerConfig defaults() {
        return new ServerConfig("127.0.0.1", 8880, null, null, 100_000, 8, 32, 1L << 20, 32L << 20,
                Duration.ofSeconds(30), DEFAULT_MODEL_ID);
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(host, p, apiKey, corsOrigin, maxInputChars, maxConcurrent, maxQueue, maxBodyBytes,
                maxUploadBytes, shutdownGrace, modelId);
    }

    public ServerConfig withApiKey(String key) {
        return new ServerConfig(host, port, key, corsOrigin, maxInputChars, maxConcurrent, maxQueue, maxBodyBytes,
                maxUploadBytes, shutdownGrace, modelId);
    }

    public ServerConfig withCorsOrigin(String origin) {
        return new ServerConfig(host, port, apiKey, origin, maxInputChars, maxConcurrent, maxQueue, maxBodyBytes,
                maxUploadBytes, shutdownGrace, modelId);
    }

    public ServerConfig withShutdownGrace(Duration grace) {
        return new ServerConfig(host, port, apiKey, corsOrigin, maxInputChars, maxConcurrent, maxQueue, maxBodyBytes,
                maxUploadBytes, grace, modelId);
    }

    public ServerConfig withLimits(int inputChars, int concurrent, int queue, long bodyBytes) {
        return new ServerConfig(host, port, apiKey, corsOrigin, inputChars, concurrent, queue, bodyBytes,
                maxUploadBytes, shutdownGrace, modelId);
    }
}
