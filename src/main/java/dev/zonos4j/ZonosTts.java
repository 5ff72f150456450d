package dev.zonos4j;

import dev.zonos4j.audio.join.JoinConfig;
import dev.zonos4j.engine.AudioSink;
import dev.zonos4j.engine.Cancellation;
import dev.zonos4j.engine.DacCodec;
import dev.zonos4j.engine.SpeechEngine;
import dev.zonos4j.engine.SpeechListener;
import dev.zonos4j.engine.SpeechOptions;
import dev.zonos4j.engine.SpeechResult;
import dev.zonos4j.engine.VoiceCheck;
import dev.zonos4j.engine.voice.DeferredEmbedder;
import dev.zonos4j.engine.voice.EncoderEmbedder;
import dev.zonos4j.engine.voice.SpeakerEmbedder;
import dev.zonos4j.engine.voice.Voice;
import dev.zonos4j.engine.voice.VoiceStorePaths;
import dev.zonos4j.engine.voice.Voices;
import dev.zonos4j.model.dac.DacModel;
import dev.zonos4j.model.zonos.ZonosModel;
import dev.zonos4j.tensor.Kernels;
import dev.zonos4j.tensor.Parallel;
import dev.zonos4j.tensor.WeightMatrix;
import dev.zonos4j.text.TextFrontEnd;
import dev.zonos4j.weights.hub.HubConfig;
import dev.zonos4j.weights.hub.ModelFiles;
import dev.zonos4j.weights.hub.ModelResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Flow;
import java.util.function.Function;

/**
 * Zonos text-to-speech as a library: load once, then {@code generateSpeech(text, voice)}.
 *
 * <pre>{@code
 * try (ZonosTts tts = ZonosTts.open(ZonosTts.Config.defaults())) {
 *     Voice me = tts.voiceFromClip(Path.of("me.wav"));
 *     ZonosTts.Speech speech = tts.generateSpeech("Hello there.", me);
 * }
 * }</pre>
 *
 * Thread-safe: concurrent callers share one scheduler, so their segments are decoded together in the same steps.
 */
public final class ZonosTts implements AutoCloseable {

    /**
     * Where the models come from and how they run.
     *
     * @param model        directory or Hugging Face repo id of a Zonos model, transformer or hybrid (null: the transformer repo)
     * @param codec        directory or repo id of the DAC codec (null: the default repo)
     * @param speakerModel directory or repo id of the speaker encoder (null: the default repo), loaded on first use
     * @param voiceStore   the voice store file (null: the user's data directory)
     * @param threads      compute threads (0: all cores)
     */
    public record Config(String model, String codec, String speakerModel, WeightMatrix.Storage precision, int threads,
                         long kvBudgetBytes, Path voiceStore, int voiceCacheSize, HubConfig hub, JoinConfig join,
                         int segmentBudget) {
        public Config {
            if (threads < 0) {
                throw new IllegalArgumentException("threads must be >= 0, got " + threads);
            }
            if (kvBudgetBytes <= 0) {
                throw new IllegalArgumentException("KV budget must be positive");
            }
        }

        public static Config defaults() {
            return new Config(null, null, null, WeightMatrix.Storage.BF16, 0, 4L << 30, null, Voices.DEFAULT_CACHE_SIZE,
                    HubConfig.fromEnvironment(), JoinConfig.defaults(44_100), TextFrontEnd.DEFAULT_BUDGET);
        }
    }

    /** Generated audio held in memory: mono samples at {@code sampleRate}. */
    public record Speech(float[] samples, int sampleRate, SpeechResult result) {
        public double seconds() {
            return samples.length / (double) sampleRate;
        }
    }

    private final Config config;
    private final SpeechEngine engine;
    private final Voices voices;

    private ZonosTts(Config config, SpeechEngine engine, Voices voices) {
        this.config = config;
        this.engine = engine;
        this.voices = voices;
    }

    /**
     * Loads the language model and the codec (downloading them into the Hugging Face cache when a repo id is given
     * and they are missing). The speaker encoder is loaded when a voice is first made from a clip.
     */
    public static ZonosTts open(Config config) {
        return open(config, EncoderEmbedder::load);
    }

    /** As {@link #open(Config)}, with the way a speaker-model directory becomes an embedder made explicit. */
    static ZonosTts open(Config config, Function<Path, SpeakerEmbedder> embedders) {
        if (config.threads() > 0) {
            Parallel.setThreads(config.threads());
        }
        ModelResolver resolver = new ModelResolver(config.hub());
        Path lmDir = resolver.resolve(config.model(), ModelFiles.ZONOS_TRANSFORMER);
        Path codecDir = resolver.resolve(config.codec(), ModelFiles.DAC_44KHZ);
        ZonosModel lm = ZonosModel.load(lmDir, config.precision(), config.kvBudgetBytes(), Kernels.preferred());
        DacModel dac = DacModel.load(codecDir);
        SpeechEngine engine = new SpeechEngine(lm, new DacCodec(dac), TextFrontEnd.shared(), config.join(),
                config.segmentBudget());
        SpeakerEmbedder embedder = new DeferredEmbedder(() -> embedders.apply(
                resolver.resolve(config.speakerModel(), ModelFiles.SPEAKER_EMBEDDING)));
        Path store = config.voiceStore() != null ? config.voiceStore() : VoiceStorePaths.defaultStore();
        return new ZonosTts(config, engine, Voices.open(store, embedder, config.voiceCacheSize()));
    }

    public Config config() {
        return config;
    }

    public Voices voices() {
        return voices;
    }

    /** The voice of a reference clip (embedded once; later calls with the same audio hit the cache). */
    public Voice voiceFromClip(Path clip) {
        return voices.fromClip(clip);
    }

    /** A voice saved in the voice store under {@code name} (needs no speaker model). */
    public Voice voice(String name) {
        return voices.describe(name).voice();
    }

    /** A clip path when such a file exists, else a saved voice name. */
    public Voice voiceFromClipOrName(String clipOrName) {
        return Files.isRegularFile(Path.of(clipOrName)) ? voiceFromClip(Path.of(clipOrName)) : voice(clipOrName);
    }

    public Speech generateSpeech(String text, Voice voice) {
        return generateSpeech(text, voice, SpeechOptions.defaults());
    }

    /** Speaks {@code text} and returns all the audio (use a sink to stream long texts in bounded memory). */
    public Speech generateSpeech(String text, Voice voice, SpeechOptions options) {
        Collector collector = new Collector();
        SpeechResult result;
        try {
            result = generateSpeech(text, voice, options, collector, SpeechListener.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Speech(collector.samples(), collector.sampleRate, result);
    }

    /** Streams the speech into {@code sink} as it is made; {@code voice} null uses the model's neutral voice. */
    public SpeechResult generateSpeech(String text, Voice voice, SpeechOptions options, AudioSink sink,
            SpeechListener listener) throws IOException {
        return generateSpeech(text, voice, options, sink, listener, new Cancellation());
    }

    /**
     * As above; {@code cancellation} stops the request from another thread (its segments and KV memory are freed
     * before the next decode step) and this then throws {@link java.util.concurrent.CancellationException}.
     */
    public SpeechResult generateSpeech(String text, Voice voice, SpeechOptions options, AudioSink sink,
            SpeechListener listener, Cancellation cancellation) throws IOException {
        return engine.speak(text, voice == null ? null : voice.embedding(), options, sink, listener, cancellation,
                voiceCheck(voice, options));
    }

    /**
     * Voice similarity when the options ask for it and a speaker model is configured; the reference is compared only
     * when the voice was embedded by that same model (a cosine across models means nothing).
     */
    private VoiceCheck voiceCheck(Voice voice, SpeechOptions options) {
        double seconds = options.quality().similaritySeconds();
        SpeakerEmbedder model = voices.embedder();
        if (seconds <= 0 || model == null) {
            return VoiceCheck.NONE;
        }
        String modelId;
        try {
            modelId = model.modelId();
        } catch (RuntimeException e) {
            return VoiceCheck.unavailable("voice similarity not measured: the speaker model could not be loaded ("
                    + e.getMessage() + ")");
        }
        if (voice != null && !voice.modelId().equals(modelId)) {
            return new VoiceCheck(model, null, seconds, "voice similarity to the reference not measured: the voice was"
                    + " embedded by speaker model " + voice.modelId() + ", not " + modelId);
        }
        return new VoiceCheck(model, voice == null ? null : voice.embedding(), seconds);
    }

    /** Segments being decoded right now, over all callers. */
    public int activeSegments() {
        return engine.activeSegments();
    }

    /** KV cache bytes reserved by running segments right now (0 when idle). */
    public long kvBytesInUse() {
        return engine.kvBytesInUse();
    }

    /** Codec frames per second of audio. */
    public double frameRate() {
        return engine.frameRate();
    }

    /**
     * The speech as a stream of audio chunks (44.1 kHz mono float), generated on a virtual thread while the
     * subscriber consumes them; a slow subscriber slows generation rather than growing memory.
     */
    public Flow.Publisher<float[]> streamSpeech(String text, Voice voice, SpeechOptions options) {
        dev.zonos4j.engine.ChunkPublisher publisher = new dev.zonos4j.engine.ChunkPublisher(4);
        Thread.ofVirtual().name("zonos-speech").start(() -> {
            try {
                generateSpeech(text, voice, options, publisher, SpeechListener.NONE);
            } catch (IOException | RuntimeException e) {
                publisher.abort();
            }
        });
        return publisher;
    }

    @Override
    public void close() {
        voices.close();
    }

    /** Keeps all samples in memory (the one-call API). */
    private static final class Collector implements AudioSink {
        private float[] buf = new float[1 << 16];
        private int n;
        int sampleRate;

        @Override
        public void open(int rate) {
            sampleRate = rate;
        }

        @Override
        public void write(float[] samples, int offset, int length) {
            if (n + length > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(2 * buf.length, n + length));
            }
            System.arraycopy(samples, offset, buf, n, length);
            n += length;
        }

        float[] samples() {
            return Arrays.copyOf(buf, n);
        }

        @Override
        public void close() {
        }

        @Override
        public void abort() {
        }
    }
}
