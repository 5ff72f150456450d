package dev.zonos4j.engine.voice;

import dev.zonos4j.audio.AudioClip;
import dev.zonos4j.audio.AudioReader;
import dev.zonos4j.audio.ClipMeasures;
import dev.zonos4j.audio.QualityReport;
import dev.zonos4j.audio.QualityThresholds;
import dev.zonos4j.audio.SpeechWindow;
import dev.zonos4j.util.InvalidInputException;
import dev.zonos4j.util.ZonosException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The voice library: speaker embeddings from reference clips, computed once per (decoded audio, speaker model)
 * and kept in an in-memory LRU in front of the {@link VoiceStore}, plus named voices. Thread-safe; threads asking
 * for the same clip at once share one computation.
 *
 * <pre>{@code
 * try (Voices voices = Voices.open(storePath, embedder, 64)) {
 *     Voice v = voices.fromClip(Path.of("me.wav"));
 *     voices.add("alice", Path.of("alice.flac"));
 *     Voice alice = voices.named("alice");
 * }
 * }</pre>
 */
public final class Voices implements AutoCloseable {

    public static final int DEFAULT_CACHE_SIZE = 64;
    private static final System.Logger NOTICES = System.getLogger(Voices.class.getName());
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final VoiceStore store;
    private final SpeakerEmbedder embedder;
    private final EmbeddingCache cache;
    private final QualityThresholds thresholds;
    private final double maxSpeechSeconds;
    private final ConcurrentHashMap<String, CompletableFuture<EmbeddingCache.Entry>> inFlight = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong computed = new java.util.concurrent.atomic.AtomicLong();

    private Voices(VoiceStore store, SpeakerEmbedder embedder, int cacheSize, QualityThresholds thresholds,
            double maxSpeechSeconds) {
        this.store = store;
        this.maxSpeechSeconds = maxSpeechSeconds;
        this.embedder = embedder;
        this.cache = new EmbeddingCache(cacheSize);
        this.thresholds = thresholds;
    }

    /**
     * Opens the library on a store file.
     *
     * @param embedder  the speaker model, or null when only named voices are needed (then making a voice from a
     *                  clip fails with a clear message)
     * @param cacheSize embeddings kept in memory; 0 disables the LRU
     */
    public static Voices open(Path storePath, SpeakerEmbedder embedder, int cacheSize) {
        return open(storePath, embedder, cacheSize, QualityThresholds.DEFAULTS);
    }

    public static Voices open(Path storePath, SpeakerEmbedder embedder, int cacheSize, QualityThresholds thresholds) {
        return open(storePath, embedder, cacheSize, thresholds, SpeechWindow.DEFAULT_MAX_SPEECH_SECONDS);
    }

    /**
     * As above, with the reference window: a clip holding more detected speech than {@code maxSpeechSeconds} is
     * embedded (and measured, and keyed in the cache) from its start up to that much speech, with a logged notice.
     */
    public static Voices open(Path storePath, SpeakerEmbedder embedder, int cacheSize, QualityThresholds thresholds,
            double maxSpeechSeconds) {
        if (cacheSize < 0) {
            throw new InvalidInputException("voice cache size must be >= 0, got " + cacheSize);
        }
        if (!(maxSpeechSeconds > 0) || Double.isInfinite(maxSpeechSeconds)) {
            throw new InvalidInputException("the reference speech window must be > 0 seconds, got " + maxSpeechSeconds);
        }
        return new Voices(VoiceStore.open(storePath), embedder, cacheSize, thresholds, maxSpeechSeconds);
    }

    /** The voice of a clip file; an unusable clip (empty, silent, no speech) is an error. */
    public Voice fromClip(Path clip) {
        byte[] data = AudioReader.readBytes(clip);
        return fromClip(AudioReader.decode(data, clip.toString()), clip.toString());
    }

    /**
     * The voice of decoded audio.
     *
     * @param source how errors name the clip (its file name, say)
     */
    public Voice fromClip(AudioClip whole, String source) {
        SpeakerEmbedder model = requireEmbedder(source);
        AudioClip clip = window(whole.requireFinite(source), source);
        String audioKey = AudioKey.of(clip);
        EmbeddingCache.Entry e = embedding(clip, source, audioKey, model);
        return new Voice(null, e.embedding(), model.modelId(), audioKey, thresholds.judge(e.measures()));
    }

    /** Embeds a clip file and stores it under {@code name}; a name already in use is an error. */
    public StoredVoice add(String name, Path clip) {
        return add(name, clip, false);
    }

    /** As {@link #add(String, Path)}, or overwriting a voice of the same name when {@code replace}. */
    public StoredVoice add(String name, Path clip, boolean replace) {
        checkName(name);
        SpeakerEmbedder model = requireEmbedder(clip.toString());
        if (!replace && store.findVoice(name).isPresent()) {
            throw new InvalidInputException("a voice named '" + name + "' already exists in " + store.file()
                    + " (remove it first, or replace it)");
        }
        byte[] data = AudioReader.readBytes(clip);
        AudioClip audio = window(AudioReader.decode(data, clip.toString()), clip.toString());
        String audioKey = AudioKey.of(audio);
        EmbeddingCache.Entry e = embedding(audio, clip.toString(), audioKey, model);
        QualityReport report = thresholds.judge(e.measures());
        String sourceSha = AudioKey.ofBytes(data);
        store.putVoice(name, e.embedding(), model.modelId(), sourceSha, audioKey, report.toJson().toString(), replace);
        return describe(name);
    }

    /** A stored voice, for synthesis; needs no speaker model. */
    public Voice named(String name) {
        Voice v = describe(name).voice();
        if (embedder != null && !embedder.modelId().equals(v.modelId())) {
            throw new ZonosException("voice '" + name + "' was made with speaker model " + v.modelId() + ", but "
                    + embedder.modelId() + " is loaded; add it again from its clip");
        }
        return v;
    }

    /** A stored voice with its source hash and creation time. */
    public StoredVoice describe(String name) {
        VoiceStore.VoiceRow row = store.findVoice(name).orElseThrow(() -> unknown(name));
        return stored(row);
    }

    /** All stored voices, by name. */
    public List<StoredVoice> list() {
        return store.voices().stream().map(this::stored).toList();
    }

    /** Removes a stored voice; an unknown name is an error. */
    public void remove(String name) {
        if (!store.removeVoice(name)) {
            throw unknown(name);
        }
    }

    /** Names of stored voices made from exactly this audio. */
    public List<String> voicesWithAudio(AudioClip clip) {
        return store.voicesWithAudio(AudioKey.of(SpeechWindow.firstSpeech(clip, maxSpeechSeconds).clip()));
    }

    /** The seconds of detected speech a clip is embedded from, at most. */
    public double maxSpeechSeconds() {
        return maxSpeechSeconds;
    }

    /** The clip bounded to its first {@link #maxSpeechSeconds} of speech, with a notice when that cut it. */
    private AudioClip window(AudioClip clip, String source) {
        SpeechWindow w = SpeechWindow.firstSpeech(clip, maxSpeechSeconds);
        if (w.cut()) {
            NOTICES.log(System.Logger.Level.INFO, String.format(Locale.ROOT, "%s: %.0f s long; its voice is taken from"
                    + " the first %.1f s, which hold %.0f s of speech (the reference window)", source, w.sourceSeconds(),
                    w.clip().seconds(), w.speechSeconds()));
        }
        return w.clip();
    }

    public QualityThresholds thresholds() {
        return thresholds;
    }

    /** Embeddings computed by the speaker model so far (everything else was a cache hit). */
    public long embeddingsComputed() {
        return computed.get();
    }

    public VoiceStore store() {
        return store;
    }

    /** The speaker model (loaded on first use when deferred), or null when the library was opened without one. */
    public SpeakerEmbedder embedder() {
        return embedder;
    }

    @Override
    public void close() {
        store.close();
    }

    /** LRU, then store, then the model; concurrent callers with the same key wait for one computation. */
    private EmbeddingCache.Entry embedding(AudioClip clip, String source, String audioKey, SpeakerEmbedder model) {
        String key = EmbeddingCache.key(audioKey, model.modelId());
        EmbeddingCache.Entry hit = cache.get(key);
        if (hit != null) {
            return hit;
        }
        CompletableFuture<EmbeddingCache.Entry> mine = new CompletableFuture<>();
        CompletableFuture<EmbeddingCache.Entry> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return await(running);
        }
        try {
            EmbeddingCache.Entry e = cache.get(key);
            if (e == null) {
                e = store.findEmbedding(audioKey, model.modelId())
                        .map(c -> new EmbeddingCache.Entry(c.embedding(), c.measures()))
                        .orElseGet(() -> compute(clip, source, audioKey, model));
                cache.put(key, e);
            }
            mine.complete(e);
            return e;
        } catch (RuntimeException ex) {
            mine.completeExceptionally(ex);
            throw ex;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private EmbeddingCache.Entry compute(AudioClip clip, String source, String audioKey, SpeakerEmbedder model) {
        ClipMeasures measures = ClipMeasures.of(clip);
        QualityReport report = thresholds.judge(measures);
        if (!report.usable()) {
            throw new InvalidInputException(source + ": cannot be used as a voice: " + String.join("; ", report.reasons()));
        }
        float[] embedding = model.embed(clip.channels(), clip.sampleRate());
        computed.incrementAndGet();
        checkEmbedding(embedding, model);
        store.putEmbedding(audioKey, model.modelId(), embedding, measures);
        return new EmbeddingCache.Entry(embedding.clone(), measures);
    }

    private static void checkEmbedding(float[] v, SpeakerEmbedder model) {
        if (v == null || v.length != SpeakerEmbedder.DIMENSION) {
            throw new ZonosException("speaker model " + model.modelId() + " returned " + (v == null ? "nothing" : v.length
                    + " values") + ", expected " + SpeakerEmbedder.DIMENSION);
        }
        for (float x : v) {
            if (!Float.isFinite(x)) {
                throw new ZonosException("speaker model " + model.modelId() + " returned a non-finite embedding value");
            }
        }
    }

    private static EmbeddingCache.Entry await(CompletableFuture<EmbeddingCache.Entry> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    private SpeakerEmbedder requireEmbedder(String source) {
        if (embedder == null) {
            throw new ZonosException("cannot make a voice from " + source + ": no speaker model is loaded");
        }
        return embedder;
    }

    private StoredVoice stored(VoiceStore.VoiceRow row) {
        Voice v = new Voice(row.name(), row.embedding(), row.modelId(), row.audioKey(), thresholds.judge(row.measures()));
        return new StoredVoice(v, row.sourceSha256(), row.created());
    }

    private InvalidInputException unknown(String name) {
        List<String> names = store.voiceNames();
        return new InvalidInputException("unknown voice '" + name + "'; " + (names.isEmpty()
                ? "no voices are stored in " + store.file() + " yet"
                : "known voices: " + String.join(", ", names)));
    }

    static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("voice name '" + name + "' is not allowed: use 1 to 64 letters, digits, '.', '_'"
                    + " or '-', starting with a letter or digit");
        }
    }
}
