package dev.zonos4j.cli;

import dev.zonos4j.ZonosTts;
import dev.zonos4j.server.ServerConfig;
import dev.zonos4j.server.SpeechServer;
import dev.zonos4j.tensor.WeightMatrix;
import dev.zonos4j.util.InvalidInputException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zonos serve}: the OpenAI-compatible HTTP speech API over one loaded engine. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Serve an OpenAI-compatible speech API (POST /v1/audio/speech, /v1/voices, /v1/models,"
                + " /health, /ready, /metrics). All requests share one engine: their segments are decoded together.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE},"
            + " this machine only; 0.0.0.0 for all interfaces, best behind a reverse proxy).")
    String host;

    @Option(names = "--port", defaultValue = "8880", description = "TCP port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--api-key", paramLabel = "KEY", description = "Require 'Authorization: Bearer KEY' on /v1 (default:"
            + " the ZONOS_API_KEY environment variable; none when unset).")
    String apiKey;

    @Option(names = "--cors-origin", paramLabel = "ORIGIN", description = "Allow browsers from ORIGIN (or *) to call the API (off by default).")
    String corsOrigin;

    @Option(names = "--max-input-chars", defaultValue = "100000", description = "Longest input text (default: ${DEFAULT-VALUE}).")
    int maxInputChars;

    @Option(names = "--max-concurrent", defaultValue = "8", description = "Requests generating at once (default: ${DEFAULT-VALUE}).")
    int maxConcurrent;

    @Option(names = "--max-queue", defaultValue = "32", description = "Requests waiting for a slot before 429 (default: ${DEFAULT-VALUE}).")
    int maxQueue;

    @Option(names = "--max-body", paramLabel = "SIZE", defaultValue = "1M", description = "Largest JSON body (default: ${DEFAULT-VALUE}).")
    String maxBody;

    @Option(names = "--max-upload", paramLabel = "SIZE", defaultValue = "32M", description = "Largest voice upload (default: ${DEFAULT-VALUE}).")
    String maxUpload;

    @Option(names = "--shutdown-grace", paramLabel = "SECONDS", defaultValue = "30",
            description = "On SIGTERM, how long in-flight requests may finish before they are cancelled (default: ${DEFAULT-VALUE}).")
    int shutdownGrace;

    @Option(names = "--memory-budget", paramLabel = "SIZE", defaultValue = "4G", description = "KV cache budget shared by all requests (default: ${DEFAULT-VALUE}).")
    String memoryBudget;

    @Option(names = "--precision", defaultValue = "bf16", description = "Compute copy of the weights: bf16 or f32.")
    String precision;

    @Option(names = "--threads", defaultValue = "0", description = "Compute threads (default: all cores).")
    int threads;

    @picocli.CommandLine.Mixin
    BackendOption backend = new BackendOption();

    @Option(names = "--model", paramLabel = "DIR|REPO", description = "Zonos model folder or Hugging Face repo.")
    String model;

    @Option(names = "--codec", paramLabel = "DIR|REPO", description = "DAC codec folder or repo.")
    String codec;

    @Option(names = "--speaker-model", paramLabel = "DIR|REPO", description = "Speaker encoder folder or repo (for POST /v1/voices).")
    String speakerModel;

    @Option(names = "--voice-store", paramLabel = "PATH", description = "Voice store file (default: in the user's data directory).")
    Path voiceStore;

    @Override
    public Integer call() throws InterruptedException {
        String key = apiKey != null ? apiKey : System.getenv("ZONOS_API_KEY");
        if (key != null && key.isBlank()) {
            key = null;
        }
        ServerConfig config;
        try {
            config = new ServerConfig(host, port, key, corsOrigin, maxInputChars, maxConcurrent, maxQueue,
                    SpeakCommand.parseSize(maxBody), SpeakCommand.parseSize(maxUpload), Duration.ofSeconds(shutdownGrace),
                    model != null ? model : ServerConfig.DEFAULT_MODEL_ID);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        String kernels = backend.apply().describe();
        ZonosTts.Config defaults = ZonosTts.Config.defaults();
        ZonosTts.Config engine = new ZonosTts.Config(model, codec, speakerModel, storage(), threads,
                SpeakCommand.parseSize(memoryBudget), voiceStore, defaults.voiceCacheSize(), defaults.hub(),
                defaults.join(), defaults.segmentBudget());
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        SpeechServer server = SpeechServer.start(config);
        AtomicReference<ZonosTts> loaded = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("zonos: shutting down (in-flight requests get " + shutdownGrace + " s)");
            server.close();
            ZonosTts t = loaded.get();
            if (t != null) {
                t.close();
            }
            stopped.countDown();
        }, "zonos-shutdown"));
        System.err.println("zonos: listening on " + server.baseUrl() + (key != null ? " (API key required)" : "")
                + "; loading models (backend " + kernels + ") ...");
        try {
            loaded.set(ZonosTts.open(engine));
            server.modelsLoaded(loaded.get());
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        System.err.println("zonos: ready: POST " + server.baseUrl() + "/v1/audio/speech");
        stopped.await();
        return 0;
    }

    private WeightMatrix.Storage storage() {
        return switch (precision.toLowerCase(Locale.ROOT)) {
            case "bf16" -> WeightMatrix.Storage.BF16;
            case "f32" -> WeightMatrix.Storage.F32;
            default -> throw new InvalidInputException("--precision must be bf16 or f32, got '" + precision + "'");
        };
    }
}
