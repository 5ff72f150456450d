package dev.zonos4j.weights.hub;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where and how to reach the Hugging Face hub, read from the same environment variables {@code huggingface_hub}
 * uses so both share one cache: {@code HF_HOME}, {@code HF_HUB_CACHE}, {@code HF_ENDPOINT}, {@code HF_TOKEN}
 * (else the token file {@code HF_TOKEN_PATH} or {@code $HF_HOME/token}), {@code HF_HUB_OFFLINE} and
 * {@code HF_HUB_DISABLE_PROGRESS_BARS}. Tests build one directly instead of touching the real environment.
 *
 * @param endpoint       hub base URL, e.g. https://huggingface.co (no trailing slash)
 * @param hubCache       the cache root holding {@code models--org--name} folders
 * @param token          bearer token, or "" for anonymous access
 * @param offline        never make an HTTP request; use the cache only
 * @param progress       show a progress bar on stderr while downloading (only drawn on a terminal)
 * @param connectTimeout TCP/TLS connect timeout
 * @param readTimeout    longest wait for response headers or for the next bytes of a body
 * @param retries        how many times an interrupted body transfer is resumed before giving up
 */
public record HubConfig(URI endpoint, Path hubCache, String token, boolean offline, boolean progress,
                        Duration connectTimeout, Duration readTimeout, int retries) {

    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";
    private static final Set<String> TRUE_VALUES = Set.of("1", "ON", "YES", "TRUE");

    public HubConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(hubCache, "hubCache");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        String scheme = endpoint.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || endpoint.getHost() == null) {
            throw new IllegalArgumentException("hub endpoint must be an http(s) URL with a host, got '" + endpoint + "'");
        }
        if (endpoint.toString().endsWith("/")) {
            endpoint = URI.create(endpoint.toString().replaceAll("/+$", ""));
        }
        token = token.strip();
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("hub timeouts must be positive, got connect " + connectTimeout
                    + " and read " + readTimeout);
        }
        if (retries < 0) {
            throw new IllegalArgumentException("hub retries must be >= 0, got " + retries);
        }
    }

    /** Defaults for everything but the endpoint and the cache (no token, online, progress on, 10 s / 30 s). */
    public static HubConfig of(URI endpoint, Path hubCache) {
        return new HubConfig(endpoint, hubCache, "", false, true, Duration.ofSeconds(10), Duration.ofSeconds(30), 5);
    }

    /** The configuration the process environment asks for. */
    public static HubConfig fromEnvironment() {
        return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** The configuration an environment map asks for; {@code home} stands for {@code ~}. */
    public static HubConfig fromEnvironment(Map<String, String> env, Path home) {
        Path cacheBase = pathVar(env, "XDG_CACHE_HOME", home).orElse(home.resolve(".cache"));
        Path hfHome = pathVar(env, "HF_HOME", home).orElse(cacheBase.resolve("huggingface"));
        Path hubCache = pathVar(env, "HF_HUB_CACHE", home)
                .or(() -> pathVar(env, "HUGGINGFACE_HUB_CACHE", home))
                .orElse(hfHome.resolve("hub"));
        String endpoint = nonBlank(env.get("HF_ENDPOINT")) ? env.get("HF_ENDPOINT").strip() : DEFAULT_ENDPOINT;
        URI endpointUri;
        try {
            endpointUri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw new HubException("HF_ENDPOINT is not a valid URL: '" + endpoint + "'");
        }
        String token = nonBlank(env.get("HF_TOKEN")) ? env.get("HF_TOKEN")
                : nonBlank(env.get("HUGGING_FACE_HUB_TOKEN")) ? env.get("HUGGING_FACE_HUB_TOKEN")
                : readTokenFile(pathVar(env, "HF_TOKEN_PATH", home).orElse(hfHome.resolve("token")));
        boolean offline = isTrue(env.get("HF_HUB_OFFLINE")) || isTrue(env.get("TRANSFORMERS_OFFLINE"));
        boolean progress = !isTrue(env.get("HF_HUB_DISABLE_PROGRESS_BARS"));
        try {
            return new HubConfig(endpointUri, hubCache, token, offline, progress,
                    Duration.ofSeconds(10), Duration.ofSeconds(30), 5);
        } catch (IllegalArgumentException e) {
            throw new HubException("HF_ENDPOINT: " + e.getMessage());
        }
    }

    public HubConfig withOffline(boolean value) {
        return new HubConfig(endpoint, hubCache, token, value, progress, connectTimeout, readTimeout, retries);
    }

    public HubConfig withToken(String value) {
        return new HubConfig(endpoint, hubCache, value, offline, progress, connectTimeout, readTimeout, retries);
    }

    public HubConfig withProgress(boolean value) {
        return new HubConfig(endpoint, hubCache, token, offline, value, connectTimeout, readTimeout, retries);
    }

    public HubConfig withTimeouts(Duration connect, Duration read) {
        return new HubConfig(endpoint, hubCache, token, offline, progress, connect, read, retries);
    }

    public boolean hasToken() {
        return !token.isEmpty();
    }

    @Override
    public String toString() {
        // Never print the token itself.
        return "HubConfig[endpoint=" + endpoint + ", hubCache=" + hubCache + ", token=" + (hasToken() ? "set" : "none")
                + ", offline=" + offline + ", progress=" + progress + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", retries=" + retries + "]";
    }

    private static java.util.Optional<Path> pathVar(Map<String, String> env, String name, Path home) {
        String v = env.get(name);
        if (!nonBlank(v)) {
            return java.util.Optional.empty();
        }
        v = v.strip();
        if (v.equals("~") || v.startsWith("~/")) {
            return java.util.Optional.of(home.resolve(v.substring(Math.min(2, v.length()))));
        }
        return java.util.Optional.of(Path.of(v));
    }

    private static String readTokenFile(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static boolean isTrue(String v) {
        return v != null && TRUE_VALUES.contains(v.strip().toUpperCase(Locale.ROOT));
    }

    private static boolean nonBlank(String v) {
        return v != null && !v.isBlank();
    }
}
