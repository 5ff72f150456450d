package dev.zonos4j.engine.voice;

import dev.zonos4j.audio.AudioClip;
import dev.zonos4j.audio.ClipMeasures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * What a voice-cache hit costs next to a fresh embedding of the same clip. A hit is the full
 * {@link Voices#fromClip(AudioClip, String)} path on decoded audio: content hash, then the LRU or the SQLite
 * store. The fresh cost is one call of the speaker model, measured only when a real model is given; without one
 * the store is seeded with a placeholder row so that hits can still be timed.
 */
public final class VoiceCacheBenchmark {

    /** Model id of the placeholder used when no speaker model is given; it is never asked to embed. */
    public static final String PLACEHOLDER_MODEL = "bench-placeholder";
    private static final int FRESH_RUNS = 3;

    /** Median and 90th percentile of {@code runs} timings, in microseconds. */
    public record Timing(int runs, double medianMicros, double p90Micros) {
    }

    /** @param fresh null when no speaker model was given */
    public record Result(double clipSeconds, int sampleRate, Timing hash, Timing memoryHit, Timing storeHit, Timing fresh) {

        /** Cost of the slower (store) hit as a fraction of a fresh embedding; NaN without a fresh timing. */
        public double storeHitToFresh() {
            return fresh == null ? Double.NaN : storeHit.medianMicros() / fresh.medianMicros();
        }
    }

    private VoiceCacheBenchmark() {
    }

    /**
     * Runs the benchmark on a synthetic speech-like clip.
     *
     * @param embedder   the real speaker model, or null to time hits only
     * @param workDir    where the benchmark's own store file goes while it runs
     * @param seconds    clip length
     * @param sampleRate clip rate (reference clips are often 44.1 kHz)
     * @param iterations timed hits of each kind
     */
    public static Result run(SpeakerEmbedder embedder, Path workDir, double seconds, int sampleRate, int iterations) {
        if (iterations < 1 || seconds <= 0 || sampleRate <= 0) {
            throw new IllegalArgumentException("iterations, seconds and sample rate must be positive");
        }
        AudioClip clip = referenceClip(seconds, sampleRate);
        Path store = workDir.resolve("voice-cache-bench-" + System.nanoTime() + ".db");
        SpeakerEmbedder model = embedder != null ? embedder : placeholder();
        Timing fresh = null;
        if (embedder != null) {
            embedder.embed(clip.channels(), clip.sampleRate());
            fresh = time(0, FRESH_RUNS, () -> embedder.embed(clip.channels(), clip.sampleRate()));
        }
        try {
            return hits(clip, store, model, embedder == null, iterations, fresh);
        } finally {
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                try {
                    Files.deleteIfExists(Path.of(store + suffix));
                } catch (IOException ignored) {
                    // A leftover temporary file is harmless; the numbers are what matter.
                }
            }
        }
    }

    private static Result hits(AudioClip clip, Path store, SpeakerEmbedder model, boolean seed, int iterations, Timing fresh) {
        try (Voices voices = Voices.open(store, model, 16)) {
            if (seed) {
                voices.store().putEmbedding(AudioKey.of(clip), PLACEHOLDER_MODEL, new float[SpeakerEmbedder.DIMENSION],
                        ClipMeasures.of(clip));
            }
            voices.fromClip(clip, "benchmark clip");
            Timing hash = time(iterations, iterations, () -> AudioKey.of(clip));
            Timing memory = time(iterations, iterations, () -> voices.fromClip(clip, "benchmark clip"));
            try (Voices uncached = Voices.open(store, model, 0)) {
                Timing stored = time(iterations, iterations, () -> uncached.fromClip(clip, "benchmark clip"));
                return new Result(clip.seconds(), clip.sampleRate(), hash, memory, stored, fresh);
            }
        }
    }

    /** Deterministic speech-like audio: harmonic bursts with varying pitch, short pauses, faint noise. */
    public static AudioClip referenceClip(double seconds, int sampleRate) {
        Random random = new Random(20250101);
        float[] x = new float[(int) Math.round(seconds * sampleRate)];
        int syllable = (int) (0.25 * sampleRate);
        int pause = (int) (0.08 * sampleRate);
        for (int start = pause; start < x.length; start += syllable + pause) {
            double f0 = 110 + 60 * random.nextDouble();
            for (int i = 0; i < syllable && start + i < x.length; i++) {
                double env = Math.sin(Math.PI * i / syllable);
                double v = 0;
                for (int k = 1; k <= 6; k++) {
                    v += Math.sin(2 * Math.PI * f0 * k * i / sampleRate) / k;
                }
                x[start + i] = (float) (0.15 * env * v);
            }
        }
        for (int i = 0; i < x.length; i++) {
            x[i] += (float) (1e-3 * random.nextGaussian());
        }
        return new AudioClip(new float[][] {x}, sampleRate);
    }

    private static SpeakerEmbedder placeholder() {
        return new SpeakerEmbedder() {
            @Override
            public String modelId() {
                return PLACEHOLDER_MODEL;
            }

            @Override
            public float[] embed(float[][] channels, int sampleRate) {
                throw new IllegalStateException("the benchmark's placeholder model was asked to embed: a cache miss");
            }
        };
    }

    /** Runs {@code body} {@code warmup} times untimed (for the JIT), then {@code runs} times timed. */
    private static Timing time(int warmup, int runs, Runnable body) {
        for (int w = 0; w < warmup; w++) {
            body.run();
        }
        long[] nanos = new long[runs];
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            body.run();
            nanos[r] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        return new Timing(runs, nanos[runs / 2] / 1e3, nanos[Math.min(runs - 1, (int) Math.ceil(0.9 * runs) - 1)] / 1e3);
    }
}
