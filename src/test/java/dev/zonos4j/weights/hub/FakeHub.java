package dev.zonos4j.weights.hub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hub on 127.0.0.1 speaking the file protocol of huggingface.co: HEAD/GET {repo}/resolve/{revision}/{file}
 * with X-Repo-Commit, ETag (git blob sha1) for small files, and for LFS files a 302 to a second server (the
 * "CDN", another port) with X-Linked-Etag (sha256) and X-Linked-Size. Failures are switched on per test.
 */
final class FakeHub implements AutoCloseable {

    /** One request as the servers saw it. */
    record Request(String server, String method, String path, String range, String authorization) {
    }

    static final class Repo {
        final String id;
        volatile String commit;
        final Map<String, byte[]> files = new ConcurrentHashMap<>();
        final Set<String> lfs = ConcurrentHashMap.newKeySet();
        volatile String requiredToken;

        Repo(String id, String commit) {
            this.id = id;
            this.commit = commit;
        }

        Repo file(String name, byte[] content, boolean isLfs) {
            files.put(name, content);
            if (isLfs) {
                lfs.add(name);
            } else {
                lfs.remove(name);
            }
            return this;
        }
    }

    private final HttpServer hub;
    private final HttpServer cdn;
    private final Map<String, Repo> repos = new ConcurrentHashMap<>();
    private final Map<String, String> renamed = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    /** GETs of these blobs are cut after so many bytes, as long as cutsLeft (counted down per cut) is positive. */
    final Map<String, Integer> cutAfter = new ConcurrentHashMap<>();
    final AtomicInteger cutsLeft = new AtomicInteger();
    /** Blobs served with one byte flipped. */
    final Set<String> corrupt = ConcurrentHashMap.newKeySet();
    volatile boolean ignoreRange;
    /** GETs of stallKey that stall (send half, then wait) before sending the rest; counted down per GET. */
    final AtomicInteger stallsLeft = new AtomicInteger();
    volatile String stallKey = "";
    volatile long stallMillis;

    FakeHub() throws IOException {
        InetAddress lo = InetAddress.getLoopbackAddress();
        hub = HttpServer.create(new InetSocketAddress(lo, 0), 0);
        cdn = HttpServer.create(new InetSocketAddress(lo, 0), 0);
        hub.createContext("/", this::hub);
        cdn.createContext("/", this::cdn);
        hub.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        cdn.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        hub.start();
        cdn.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + hub.getAddress().getPort());
    }

    Repo repo(String id, String commit) {
        Repo r = new Repo(id, commit);
        repos.put(id, r);
        return r;
    }

    void rename(String oldId, String newId) {
        renamed.put(oldId, newId);
    }

    List<Request> requests(String server, String method) {
        return requests.stream().filter(r -> r.server.equals(server) && r.method.equals(method)).toList();
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String gitSha1(byte[] b) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-1");
            d.update(("blob " + b.length + "\0").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(d.digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void record(String server, HttpExchange ex) {
        requests.add(new Request(server, ex.getRequestMethod(), ex.getRequestURI().getPath(),
                ex.getRequestHeaders().getFirst("Range"), ex.getRequestHeaders().getFirst("Authorization")));
    }

    private void hub(HttpExchange ex) throws IOException {
        try (ex) {
            record("hub", ex);
            String path = ex.getRequestURI().getPath();
            int resolve = path.indexOf("/resolve/");
            if (resolve < 0) {
                error(ex, 404, "", "not a resolve URL");
                return;
            }
            String repoId = path.substring(1, resolve);
            String rest = path.substring(resolve + "/resolve/".length());
            String revision = rest.substring(0, rest.indexOf('/'));
            String file = rest.substring(rest.indexOf('/') + 1);
            if (renamed.containsKey(repoId)) {
                ex.getResponseHeaders().set("Location", "/" + renamed.get(repoId) + "/resolve/" + revision + "/" + file);
                ex.sendResponseHeaders(307, -1);
                return;
            }
            Repo repo = repos.get(repoId);
            if (repo == null) {
                error(ex, 401, "RepoNotFound", "Repository not found");
                return;
            }
            if (repo.requiredToken != null
                    && !("Bearer " + repo.requiredToken).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                error(ex, 401, "GatedRepo", "Access to model " + repoId + " is restricted");
                return;
            }
            if (!revision.equals("main") && !revision.equals(repo.commit)) {
                error(ex, 404, "RevisionNotFound", "Invalid rev id: " + revision);
                return;
            }
            ex.getResponseHeaders().set("X-Repo-Commit", repo.commit);
            byte[] content = repo.files.get(file);
            if (content == null) {
                error(ex, 404, "EntryNotFound", "Entry not found");
                return;
            }
            if (repo.lfs.contains(file)) {
                String sha = sha256(content);
                URI cdnUri = URI.create("http://127.0.0.1:" + cdn.getAddress().getPort() + "/blobs/" + sha
                        + "?X-Amz-Signature=fake");
                ex.getResponseHeaders().set("X-Linked-Etag", "\"" + sha + "\"");
                ex.getResponseHeaders().set("X-Linked-Size", Long.toString(content.length));
                ex.getResponseHeaders().set("ETag", "\"" + gitSha1(("lfs pointer " + sha).getBytes()) + "\"");
                ex.getResponseHeaders().set("Location", cdnUri.toString());
                ex.sendResponseHeaders(302, -1);
                return;
            }
            ex.getResponseHeaders().set("ETag", "\"" + gitSha1(content) + "\"");
            serve(ex, content, gitSha1(content));
        }
    }

    private void cdn(HttpExchange ex) throws IOException {
        try (ex) {
            record("cdn", ex);
            if (ex.getRequestHeaders().getFirst("Authorization") != null) {
                error(ex, 400, "", "the CDN must not get the hub token");
                return;
            }
            String sha = ex.getRequestURI().getPath().substring("/blobs/".length());
            byte[] content = repos.values().stream().flatMap(r -> r.files.values().stream())
                    .filter(b -> sha256(b).equals(sha)).findFirst().orElse(null);
            if (content == null) {
                error(ex, 404, "", "no such blob");
                return;
            }
            serve(ex, content, sha);
        }
    }

    private void serve(HttpExchange ex, byte[] content, String key) throws IOException {
        if (corrupt.contains(key)) {
            content = content.clone();
            content[content.length / 2] ^= 0x5a;
        }
        boolean head = ex.getRequestMethod().equals("HEAD");
        if (head) {
            ex.getResponseHeaders().set("Content-Length", Long.toString(content.length));
            ex.sendResponseHeaders(200, -1);
            return;
        }
        int from = 0;
        String range = ex.getRequestHeaders().getFirst("Range");
        if (range != null && !ignoreRange) {
            from = Integer.parseInt(range.replace("bytes=", "").replace("-", ""));
            ex.getResponseHeaders().set("Content-Range",
                    "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
            ex.sendResponseHeaders(206, content.length - from);
        } else {
            ex.sendResponseHeaders(200, content.length);
        }
        OutputStream out = ex.getResponseBody();
        int cut = cutAfter.containsKey(key) && cutsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0
                ? cutAfter.get(key) : -1;
        if (cut >= 0 && from + cut < content.length) {
            out.write(content, from, cut);
            out.flush();
            // Closing an exchange short of its announced length drops the connection, as a network failure would.
            return;
        }
        if (key.equals(stallKey) && stallsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            int half = (content.length - from) / 2;
            out.write(content, from, half);
            out.flush();
            sleep(stallMillis);
            out.write(content, from + half, content.length - from - half);
            return;
        }
        out.write(content, from, content.length - from);
    }

    private static void error(HttpExchange ex, int status, String code, String message) throws IOException {
        if (!code.isEmpty()) {
            ex.getResponseHeaders().set("X-Error-Code", code);
        }
        ex.getResponseHeaders().set("X-Error-Message", message);
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(status, -1);
        } else {
            byte[] body = message.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, body.length);
            ex.getResponseBody().write(body);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        hub.stop(0);
        cdn.stop(0);
        ((java.util.concurrent.ExecutorService) hub.getExecutor()).shutdownNow();
        ((java.util.concurrent.ExecutorService) cdn.getExecutor()).shutdownNow();
    }
}
