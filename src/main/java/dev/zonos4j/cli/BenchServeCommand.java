package dev.zonos4j.cli;

import dev.zonos4j.util.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zonos bench serve}: a bounded load test of a running {@code zonos serve} on this machine. Sends a fixed
 * number of speech requests of mixed lengths, a few at a time, and reports throughput (audio seconds per wall
 * second), time to first audio (p50, p95) and errors. Only loopback addresses are accepted.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Load-test a running `zonos serve` on this machine: throughput, time to first audio, errors.")
final class BenchServeCommand implements Callable<Integer> {
    private static final int MAX_REQUESTS = 500;
    private static final String SENTENCE = "The quick report of the day was read aloud to everyone in the room. ";

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8880", description = "Server base URL, loopback only (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--requests", defaultValue = "24", description = "Requests to send in all, at most " + MAX_REQUESTS + " (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--concurrency", defaultValue = "4", description = "Requests in flight at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--max-seconds", defaultValue = "600", description = "Stop sending new requests after this long (default: ${DEFAULT-VALUE}).")
    int maxSeconds;

    @Option(names = "--lengths", split = ",", defaultValue = "1,3,10", description = "Sentences per request, cycled (default: ${DEFAULT-VALUE}).")
    int[] lengths;

    @Option(names = "--max-frames", defaultValue = "0", description = "Frame cap per segment sent as max_frames (0: none).")
    int maxFrames;

    @Option(names = "--voice", defaultValue = "neutral", description = "Voice name (default: ${DEFAULT-VALUE}).")
    String voice;

    @Option(names = "--api-key", description = "Bearer key, if the server needs one (default: ZONOS_API_KEY).")
    String apiKey;

    private record Outcome(int status, double firstAudioSeconds, double audioSeconds, String error) {
    }

    @Override
    public Integer call() throws Exception {
        if (requests < 1 || requests > MAX_REQUESTS || concurrency < 1 || concurrency > 64 || maxSeconds < 1) {
            throw new InvalidInputException("--requests must be in [1, " + MAX_REQUESTS + "], --concurrency in [1, 64],"
                    + " --max-seconds >= 1");
        }
        URI base = URI.create(url);
        if (base.getHost() == null || !InetAddress.getByName(base.getHost()).isLoopbackAddress()) {
            throw new InvalidInputException("--url must point at this machine (a loopback address), got " + url);
        }
        String key = apiKey != null ? apiKey : System.getenv("ZONOS_API_KEY");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(maxSeconds);
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                int sentences = lengths[i % lengths.length];
                futures.add(pool.submit(() -> {
                    if (System.nanoTime() < deadline) {
                        outcomes.add(one(http, base, key, sentences));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        report(outcomes, wall);
        return 0;
    }

    private Outcome one(HttpClient http, URI base, String key, int sentences) {
        String body = "{\"model\":\"tts-1\",\"voice\":\"" + voice + "\",\"response_format\":\"pcm\",\"input\":\""
                + SENTENCE.repeat(sentences).trim() + "\"" + (maxFrames > 0 ? ",\"max_frames\":" + maxFrames : "") + "}";
        HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve("/v1/audio/speech")).timeout(Duration.ofMinutes(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            r.header("Authorization", "Bearer " + key);
        }
        long start = System.nanoTime();
        try {
            HttpResponse<InputStream> resp = http.send(r.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = resp.body()) {
                byte[] buf = new byte[65_536];
                long bytes = 0;
                double first = Double.NaN;
                for (int n; (n = in.read(buf)) > 0; ) {
                    if (bytes == 0) {
                        first = (System.nanoTime() - start) / 1e9;
                    }
                    bytes += n;
                }
                if (resp.statusCode() != 200) {
                    return new Outcome(resp.statusCode(), Double.NaN, 0, "HTTP " + resp.statusCode());
                }
                return new Outcome(200, first, bytes / 2.0 / 44_100, null);
            }
        } catch (IOException | InterruptedException e) {
            return new Outcome(0, Double.NaN, 0, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static void report(List<Outcome> outcomes, double wall) {
        List<Double> ttfa = new ArrayList<>();
        double audio = 0;
        int errors = 0;
        for (Outcome o : outcomes) {
            if (o.error() != null) {
                errors++;
                continue;
            }
            audio += o.audioSeconds();
            if (!Double.isNaN(o.firstAudioSeconds())) {
                ttfa.add(o.firstAudioSeconds());
            }
        }
        Collections.sort(ttfa);
        System.out.printf(Locale.ROOT, "requests %d (ok %d, errors %d), wall %.1f s, audio %.1f s, throughput %.3f audio s"
                        + " per wall s, time to first audio p50 %.2f s, p95 %.2f s%n", outcomes.size(), outcomes.size() - errors,
                errors, wall, audio, audio / wall, percentile(ttfa, 0.50), percentile(ttfa, 0.95));
        outcomes.stream().filter(o -> o.error() != null).map(Outcome::error).distinct().limit(5)
                .forEach(e -> System.out.println("  error: " + e));
    }

    private static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
