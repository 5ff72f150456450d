package dev.zonos4j.server;

import dev.zonos4j.ZonosTts;
import dev.zonos4j.engine.SpeechResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** What /metrics reports, through Micrometer's Prometheus registry. */
final class ServerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer firstAudio;
    private final Counter audioSeconds;
    private final Counter frames;
    private final Counter wallSeconds;
    private final DistributionSummary sharedBatch;
    private final Counter sharedRequests;
    private final Counter voiceCacheHits;
    private final Counter voiceCacheMisses;
    private final AtomicReference<double[]> lastSpeed = new AtomicReference<>(new double[] {0, 0});

    /** Gauges hold their state weakly unless told otherwise; the engine supplier lives only here, so they hold it strongly. */
    ServerMetrics(Admission admission, Supplier<ZonosTts> tts) {
        Gauge.builder("zonos.queue.depth", admission, Admission::waiting)
                .description("requests waiting for a generation slot").register(registry);
        Gauge.builder("zonos.requests.generating", admission, Admission::running)
                .description("requests generating now").register(registry);
        Gauge.builder("zonos.segments.active", tts, t -> t.get() == null ? 0 : t.get().activeSegments())
                .description("segments being decoded now, over all requests").strongReference(true).register(registry);
        Gauge.builder("zonos.kv.bytes.in.use", tts, t -> t.get() == null ? 0 : t.get().kvBytesInUse())
                .description("KV cache held by running segments").baseUnit("bytes").strongReference(true).register(registry);
        Gauge.builder("zonos.frames.per.second", lastSpeed, s -> s.get()[0])
                .description("codec frames per wall second of the last finished request").register(registry);
        Gauge.builder("zonos.real.time.factor", lastSpeed, s -> s.get()[1])
                .description("compute seconds per audio second of the last finished request").register(registry);
        firstAudio = Timer.builder("zonos.time.to.first.audio").description("request start to first audio written")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(10)).register(registry);
        audioSeconds = Counter.builder("zonos.audio.seconds").description("audio generated").register(registry);
        frames = Counter.builder("zonos.frames").description("codec frames generated").register(registry);
        wallSeconds = Counter.builder("zonos.generation.seconds").description("wall time of finished requests").register(registry);
        sharedBatch = DistributionSummary.builder("zonos.request.shared.batch")
                .description("most segments (of all requests) decoded in one step with a request's").register(registry);
        sharedRequests = Counter.builder("zonos.requests.shared.steps")
                .description("finished requests whose segments were decoded in the same steps as another request's").register(registry);
        voiceCacheHits = Counter.builder("zonos.voice.cache.hits").description("voice uploads whose embedding was cached").register(registry);
        voiceCacheMisses = Counter.builder("zonos.voice.cache.misses").description("voice uploads embedded by the speaker model").register(registry);
    }

    void request(String endpoint, int status) {
        registry.counter("zonos.requests", "endpoint", endpoint, "status", Integer.toString(status)).increment();
    }

    void error(String kind) {
        registry.counter("zonos.errors", "kind", kind).increment();
    }

    void finished(SpeechResult r) {
        if (Double.isFinite(r.firstAudioSeconds())) {
            firstAudio.record(Duration.ofNanos((long) (r.firstAudioSeconds() * 1e9)));
        }
        audioSeconds.increment(r.audioSeconds());
        frames.increment(r.frames());
        wallSeconds.increment(r.wallSeconds());
        sharedBatch.record(r.sharedBatch());
        if (r.sharedBatch() > r.batchSize()) {
            sharedRequests.increment();
        }
        lastSpeed.set(new double[] {r.framesPerSecond(), r.rtf()});
    }

    void voiceEmbedding(boolean cached) {
        (cached ? voiceCacheHits : voiceCacheMisses).increment();
    }

    String scrape() {
        return registry.scrape();
    }
}
