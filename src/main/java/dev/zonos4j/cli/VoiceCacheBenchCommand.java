package dev.zonos4j.cli;

import dev.zonos4j.engine.voice.SpeakerEmbedder;
import dev.zonos4j.engine.voice.VoiceCacheBenchmark;
import dev.zonos4j.engine.voice.VoiceCacheBenchmark.Result;
import dev.zonos4j.engine.voice.VoiceCacheBenchmark.Timing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zonos bench voice-cache}: a voice-cache hit against a fresh speaker embedding. */
@Command(name = "voice-cache", mixinStandardHelpOptions = true,
        description = {"Time a voice-cache hit (content hash + in-memory LRU, or + SQLite store) against a fresh speaker"
                + " embedding of the same clip.", "Without --speaker-model only the hits are timed."})
final class VoiceCacheBenchCommand implements Callable<Integer> {

    @Option(names = "--speaker-model", paramLabel = "DIR", description = "Speaker model folder; also times fresh embeddings.")
    Path speakerModel;

    @Option(names = "--seconds", defaultValue = "10", description = "Clip length (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--sample-rate", defaultValue = "44100", description = "Clip sample rate (default: ${DEFAULT-VALUE}).")
    int sampleRate;

    @Option(names = "--iterations", defaultValue = "200", description = "Timed hits of each kind (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Override
    public Integer call() throws IOException {
        SpeakerEmbedder embedder = null;
        if (speakerModel != null) {
            SpeakerModelOption option = new SpeakerModelOption();
            option.model = speakerModel.toString();
            embedder = option.load();
        }
        Path work = Files.createTempDirectory("zonos-bench");
        Result r;
        try {
            r = VoiceCacheBenchmark.run(embedder, work, seconds, sampleRate, iterations);
        } finally {
            Files.deleteIfExists(work);
        }
        System.out.printf(Locale.ROOT, "voice cache: %.1f s clip at %d Hz, mono (%d samples); %s%n", r.clipSeconds(), r.sampleRate(),
                Math.round(r.clipSeconds() * r.sampleRate()), machine());
        print("content hash (SHA-256)", r.hash());
        print("hit: hash + memory LRU", r.memoryHit());
        print("hit: hash + SQLite store", r.storeHit());
        if (r.fresh() == null) {
            System.out.println("  fresh embedding             not measured: no speaker model (pass --speaker-model DIR)");
        } else {
            print("fresh embedding", r.fresh());
            System.out.printf(Locale.ROOT, "  store hit / fresh embedding %.3f %%%n", 100 * r.storeHitToFresh());
        }
        return 0;
    }

    private static void print(String what, Timing t) {
        System.out.printf(Locale.ROOT, "  %-27s median %10.1f us   p90 %10.1f us   (%d runs)%n", what, t.medianMicros(),
                t.p90Micros(), t.runs());
    }

    private static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.arch") + ", Java "
                + Runtime.version().feature();
    }
}
