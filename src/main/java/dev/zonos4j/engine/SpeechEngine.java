package dev.zonos4j.engine;

import dev.zonos4j.audio.join.JoinConfig;
import dev.zonos4j.audio.quality.RunQuality;
import dev.zonos4j.model.zonos.ConditioningInputs;
import dev.zonos4j.model.zonos.ZonosModel;
import dev.zonos4j.text.Language;
import dev.zonos4j.text.Segment;
import dev.zonos4j.text.TextFrontEnd;
import dev.zonos4j.util.InvalidInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;

/**
 * The long-form pipeline: text → segments → conditioning → scheduler (continuous batching) → codec decode
 * on its own thread → joins → sink. Thread-safe: concurrent requests share one scheduler, so their segments
 * are decoded in the same steps.
 */
public final class SpeechEngine {

    /** Longest text one request accepts (characters). */
    public static final int MAX_CHARACTERS = 2_000_000;
    /** Segments of all requests decoded together at most (two matmul rows each with guidance). */
    public static final int MAX_SHARED_BATCH = 16;
    /** Frame cap of a segment when nothing smaller applies: upstream's 30 s. */
    public static final int MAX_SEGMENT_FRAMES = 2580;

    private final ZonosModel lm;
    private final CodecPort codec;
    private final TextFrontEnd text;
    private final JoinConfig join;
    private final int segmentBudget;
    private final Scheduler<SegmentJob, ZonosBatchModel.Run> scheduler;

    public SpeechEngine(ZonosModel lm, CodecPort codec, TextFrontEnd text, JoinConfig join, int segmentBudget) {
        this(lm, codec, text, join, segmentBudget, StepCost.measured(MAX_SHARED_BATCH));
    }

    /** As above, with the scheduler's step costs given (tests that need its decisions not to depend on timing). */
    SpeechEngine(ZonosModel lm, CodecPort codec, TextFrontEnd text, JoinConfig join, int segmentBudget, StepCost cost) {
        this.lm = lm;
        this.codec = codec;
        this.text = text;
        this.join = join;
        this.segmentBudget = segmentBudget;
        this.scheduler = new Scheduler<>(new ZonosBatchModel(lm), MAX_SHARED_BATCH, lm.kvPool().budgetBytes(), cost);
    }

    /** Segments being decoded right now, over all requests. */
    public int activeSegments() {
        return scheduler.activeSequences();
    }

    /** KV cache bytes held by running segments right now (they reserve it as they grow). */
    public long kvBytesInUse() {
        return scheduler.reservedBytes();
    }

    public double frameRate() {
        return codec.sampleRate() / (double) codec.samplesPerFrame();
    }

    /**
     * Speaks {@code input} in the voice {@code speaker} (128 values, or null for the model's unconditional voice)
     * into {@code sink}. On failure the sink is aborted (nothing that looks complete is left) and the error thrown.
     */
    public SpeechResult speak(String input, float[] speaker, SpeechOptions options, AudioSink sink, SpeechListener listener)
            throws IOException {
        return speak(input, speaker, options, sink, listener, new Cancellation());
    }

    /**
     * As above; {@code cancellation} stops the request from another thread (its segments and KV memory are
     * released before the scheduler's next step) and this throws {@link CancellationException}.
     * A sink that fails (a client that went away) cancels the request the same way, and its error is thrown.
     */
    public SpeechResult speak(String input, float[] speaker, SpeechOptions options, AudioSink sink, SpeechListener listener,
            Cancellation cancellation) throws IOException {
        return speak(input, speaker, options, sink, listener, cancellation, VoiceCheck.NONE);
    }

    /** As above; {@code voices} compares each segment's voice with the reference and the previous segment. */
    public SpeechResult speak(String input, float[] speaker, SpeechOptions options, AudioSink sink, SpeechListener listener,
            Cancellation cancellation, VoiceCheck voices) throws IOException {
        long t0 = System.nanoTime();
        if (input == null || input.isBlank()) {
            throw new InvalidInputException("the text is empty: give some words to speak");
        }
        if (input.length() > MAX_CHARACTERS) {
            throw new InvalidInputException("the text has " + input.length() + " characters; at most " + MAX_CHARACTERS
                    + " are accepted per request (split it)");
        }
        Language language = Language.of(options.language());
        List<Segment> segments = text.segment(input, language, segmentBudget);
        ChainedPrefix chain = options.chainPrefixSeconds() > 0 ? new ChainedPrefix(options.chainPrefixSeconds(), frameRate()) : null;
        QualitySettings q = options.quality();
        RunQuality quality = new RunQuality(q.thresholds(), q.joinBounds(), codec.sampleRate());
        QualityRetry qualityRetry = q.retries() > 0 ? new QualityRetry(q.retries(), codec, q.thresholds(), voices, quality) : null;
        SegmentJob.Settings settings = new SegmentJob.Settings(options.sampling(), options.cfgScale(), options.retries(),
                chain, Collections.synchronizedList(new ArrayList<>()), qualityRetry);
        // Jobs (phoneme ids, conditioning inputs) are made as the scheduler's look-ahead window reaches them, so a
        // long text does not hold one per segment; the first is made here, so bad options fail before any output.
        SegmentJob first = segments.isEmpty() ? null : job(segments.getFirst(), language, speaker, options, settings);
        IntFunction<SegmentJob> jobs = i -> i == 0 ? first : job(segments.get(i), language, speaker, options, settings);
        listener.planned(segments.size(), input.length());
        int maxBatch = Math.min(batchSize(options, segments.size(), chain != null), MAX_SHARED_BATCH);
        long budget = Math.min(options.memoryBudgetBytes(), lm.kvPool().budgetBytes());
        Scheduler.Limits limits = new Scheduler.Limits(maxBatch, budget, Math.max(8, 3 * maxBatch));

        AudioWorker audio = new AudioWorker(codec, join, sink, 2, cancellation::cancel, (samples, index) ->
                listener.segmentAudio(index, samples, codec.sampleRate(), segments.get(index).phonemeCount()),
                quality, voices);
        long[] frames = {0};
        Scheduler.Stats stats;
        try {
            audio.start();
            BiConsumer<Integer, ZonosBatchModel.Run> done = (index, run) -> {
                int[][] codes = run.newCodes();
                frames[0] += codes[0].length;
                if (chain != null) {
                    chain.finished(codes);
                }
                listener.segmentGenerated(index, codes[0].length);
                Segment segment = run.job.segment();
                audio.submit(new AudioWorker.Item(index, codes, segment.paragraphEnd(), segment.phonemeCount(),
                        run.keptSeed(), run.takesGenerated(), run.keptTake()));
            };
            Scheduler<SegmentJob, ZonosBatchModel.Run>.Ticket ticket = scheduler.submit(segments.size(), jobs, limits,
                    audio::keepsUp, done);
            cancellation.onCancel(ticket::cancel);
            try {
                stats = ticket.await();
            } catch (CancellationException e) {
                audio.rethrow();
                throw e;
            }
            audio.finish();
        } catch (RuntimeException | IOException | Error e) {
            audio.abort();
            throw e;
        } finally {
            cancellation.onCancel(() -> { });
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        long samples = audio.emittedSamples();
        double firstAudio = audio.firstAudioNanos() == 0 ? Double.NaN : (audio.firstAudioNanos() - t0) / 1e9;
        List<String> warnings = new ArrayList<>(settings.warnings());
        if (voices.notice() != null) {
            warnings.add(voices.notice());
        }
        for (var report : audio.reports()) {
            if (report.silent()) {
                warnings.add(ZonosBatchModel.describe(segments.get(report.index())) + " came out silent");
            }
        }
        String mode = chain != null ? "standard+chain" : maxBatch == 1 ? "standard" : "efficient";
        double audioSeconds = samples / (double) codec.sampleRate();
        SpeechReport report = new SpeechReport(options.seed(), mode, options.language(), input.length(), segments.size(),
                audioSeconds, wall, frames[0], warnings, codec.sampleRate(), null, quality.summary());
        return new SpeechResult(input.length(), segments.size(), audioSeconds, wall, firstAudio, frames[0], stats.steps(),
                stats.peakActive(), stats.peakSharedBatch(), stats.peakReservedBytes(), stats.kvWaits(), stats.peakPrepared(),
                mode, List.copyOf(warnings), report);
    }

    private static int batchSize(SpeechOptions options, int segments, boolean chained) {
        if (chained) {
            return 1;
        }
        return switch (options.mode()) {
            case STANDARD -> 1;
            case EFFICIENT -> options.maxBatch();
            case AUTO -> segments > 1 ? Math.min(options.maxBatch(), segments) : 1;
        };
    }

    private SegmentJob job(Segment s, Language language, float[] speaker, SpeechOptions o, SegmentJob.Settings settings) {
        int[] ids = text.prepare(s.text(), language).tokenIds();
        ConditioningInputs inputs = new ConditioningInputs(ids, speaker, o.emotion(), o.fmax(), o.pitchStd(),
                o.speakingRate(), language.id(), o.hybrid());
        double rate = Math.max(o.speakingRate(), 5f);
        int expected = (int) Math.ceil(frameRate() * s.phonemeCount() / rate);
        int cap = (int) Math.min(MAX_SEGMENT_FRAMES, Math.max(2 * frameRate(), 2.0 * expected + frameRate()));
        if (o.maxFramesPerSegment() > 0) {
            cap = Math.min(cap, o.maxFramesPerSegment());
        }
        return new SegmentJob(s, inputs, o.seed(), cap, Math.min(expected, cap), settings);
    }
}
