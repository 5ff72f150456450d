package dev.zonos4j.weights.hub;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The two requests of the hub's file protocol. {@code HEAD {endpoint}/{repo}/resolve/{revision}/{file}} answers
 * with {@code X-Repo-Commit}, the blob ETag ({@code X-Linked-Etag} for LFS files, else {@code ETag}) and size
 * ({@code X-Linked-Size}, else {@code Content-Length}); for LFS files it is a redirect to a signed CDN URL, which is
 * where the GET goes. Redirects are followed by hand so that the token is only ever sent to the hub's own host.
 */
final class HubHttp implements AutoCloseable {
    private static final int MAX_REDIRECTS = 10;
    private static final String USER_AGENT = "zonos4j/0.1.0; java/" + Runtime.version().feature();

    private final HubConfig config;
    private final HttpClient client;

    HubHttp(HubConfig config) {
        this.config = config;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    static URI resolveUrl(HubConfig config, RepoRef repo, String revision, String file) {
        StringBuilder path = new StringBuilder();
        for (String part : file.split("/")) {
            path.append(path.isEmpty() ? "" : "/").append(encode(part));
        }
        return URI.create(config.endpoint() + "/" + repo.repoId() + "/resolve/" + encode(revision) + "/" + path);
    }

    /** Metadata of {@code file} at {@code revision}, following only same-host redirects (repository renames). */
    FileMetadata head(RepoRef repo, String revision, String file) throws IOException {
        URI url = resolveUrl(config, repo, revision, file);
        for (int hop = 0; ; hop++) {
            HttpResponse<Void> r = send(request(url, true).method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .header("Accept-Encoding", "identity").build(), HttpResponse.BodyHandlers.discarding());
            int status = r.statusCode();
            if (status >= 400) {
                throw statusError(r, url);
            }
            Optional<String> location = r.headers().firstValue("Location");
            boolean redirect = status >= 300 && location.isPresent();
            if (redirect && hop < MAX_REDIRECTS && URI.create(location.get()).getHost() == null) {
                url = url.resolve(location.get());
                continue;
            }
            URI answered = url;
            String commit = r.headers().firstValue("X-Repo-Commit").orElseThrow(() -> new IOException(
                    answered + " answered without an X-Repo-Commit header, so it is not a Hugging Face hub"
                            + " (check HF_ENDPOINT, proxy and firewall settings)"));
            String etag = r.headers().firstValue("X-Linked-Etag").or(() -> r.headers().firstValue("ETag"))
                    .map(HubHttp::normalizeEtag).filter(s -> !s.isEmpty())
                    .orElseThrow(() -> new IOException(answered + " answered without an ETag"));
            OptionalLong size = parseLong(r.headers().firstValue("X-Linked-Size"));
            if (size.isEmpty() && !redirect) {
                size = parseLong(r.headers().firstValue("Content-Length"));
            }
            if (size.isEmpty()) {
                throw new IOException(url + " answered without the file size (X-Linked-Size or Content-Length)");
            }
            URI target = redirect ? url.resolve(location.get()) : url;
            return new FileMetadata(file, commit, etag, size.getAsLong(), target);
        }
    }

    /**
     * Opens the body of {@code url} from byte {@code offset} on (a Range request when offset > 0). The caller
     * checks whether the answer is 206 (resumed) or 200 (whole file).
     */
    HttpResponse<InputStream> get(URI url, long offset) throws IOException {
        URI current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder b = request(current, sameAuthority(current, config.endpoint()))
                    .GET().header("Accept-Encoding", "identity");
            if (offset > 0) {
                b.header("Range", "bytes=" + offset + "-");
            }
            HttpResponse<InputStream> r = send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            int status = r.statusCode();
            Optional<String> location = r.headers().firstValue("Location");
            if (status >= 300 && status < 400 && location.isPresent()) {
                r.body().close();
                current = current.resolve(location.get());
                continue;
            }
            if (status >= 400 && status != 416) {
                HubStatusException e = statusError(r, current);
                r.body().close();
                throw e;
            }
            return r;
        }
        throw new IOException("more than " + MAX_REDIRECTS + " redirects from " + url);
    }

    private HttpRequest.Builder request(URI url, boolean withToken) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(config.readTimeout()).header("User-Agent", USER_AGENT);
        if (withToken && config.hasToken()) {
            b.header("Authorization", "Bearer " + config.token());
        }
        return b;
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        try {
            return client.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while talking to " + request.uri(), e);
        }
    }

    private static HubStatusException statusError(HttpResponse<?> r, URI url) {
        return new HubStatusException(r.statusCode(), r.headers().firstValue("X-Error-Code").orElse(""),
                r.headers().firstValue("X-Error-Message").orElse(""), url);
    }

    /** The CDN gets no token: its URLs are signed, and the token must not leave the hub's host. */
    static boolean sameAuthority(URI a, URI b) {
        return Objects.equals(a.getScheme(), b.getScheme()) && Objects.equals(a.getHost(), b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equals(u.getScheme()) ? 443 : 80;
    }

    /** ETags come as {@code "value"} or {@code W/"value"}; the cache names blobs by the bare value. */
    static String normalizeEtag(String etag) {
        String s = etag.strip();
        if (s.startsWith("W/")) {
            s = s.substring(2);
        }
        return s.replace("\"", "");
    }

    private static OptionalLong parseLong(Optional<String> v) {
        try {
            return v.isPresent() ? OptionalLong.of(Long.parseLong(v.get().strip())) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void close() {
        client.close();
    }
}
