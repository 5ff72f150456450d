package dev.zonos4j.engine;

import dev.zonos4j.model.zonos.ConditioningInputs;
import dev.zonos4j.model.zonos.HybridConditions;
import dev.zonos4j.model.zonos.SamplingParams;
import dev.zonos4j.util.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Everything a caller can set for one speech request. Defaults are upstream's {@code make_cond_dict} and
 * {@code generate} defaults, so a request with default options sounds as upstream would.
 */
public record SpeechOptions(
        String language,
        float[] emotion,          // 8 weights: happiness, sadness, disgust, fear, surprise, anger, other, neutral
        float fmax,               // Hz, 0..24000
        float pitchStd,           // 0..400
        float speakingRate,       // phonemes per second, 0..40
        float cfgScale,           // 1 = no guidance (one row per segment); upstream default 2
        long seed,
        SamplingParams sampling,
        Mode mode,
        int maxBatch,             // concurrent segments in efficient mode
        long memoryBudgetBytes,   // KV cache budget
        float chainPrefixSeconds, // 0 = off; > 0 feeds the previous segment's last seconds of codes as audio prefix
        int maxFramesPerSegment,  // 0 = from the segment's phoneme count
        int retries,              // re-runs with a new seed of a segment that comes out truncated or runaway
        HybridConditions hybrid,  // vqscore_8, ctc_loss, dnsmos_ovrl, speaker_noised (hybrid model only)
        QualitySettings quality) { // thresholds, quality retries, voice similarity

    /** How segments are scheduled. */
    public enum Mode { AUTO, STANDARD, EFFICIENT }

    public SpeechOptions {
        check(language != null && !language.isBlank(), "language must be given (e.g. en-us)");
        language = language.toLowerCase(Locale.ROOT);
        check(emotion != null && emotion.length == 8, "emotion needs 8 values (happiness sadness disgust fear surprise anger other neutral)");
        emotion = emotion.clone();
        double sum = 0;
        for (float e : emotion) {
            check(e >= 0 && Float.isFinite(e), "emotion values must be >= 0, got " + Arrays.toString(emotion));
            sum += e;
        }
        check(sum > 0, "emotion values must not all be 0");
        check(fmax >= 0 && fmax <= 24000, "fmax must be in [0, 24000] Hz, got " + fmax);
        check(pitchStd >= 0 && pitchStd <= 400, "pitch-std must be in [0, 400], got " + pitchStd);
        check(speakingRate >= 0 && speakingRate <= 40, "rate must be in [0, 40], got " + speakingRate);
        check(cfgScale >= 1 && Float.isFinite(cfgScale), "cfg must be >= 1 (1 = no guidance), got " + cfgScale);
        check(sampling != null, "sampling settings must be given");
        check(mode != null, "mode must be given");
        check(maxBatch >= 1 && maxBatch <= 32, "max-batch must be in [1, 32], got " + maxBatch);
        check(memoryBudgetBytes > 0, "memory budget must be positive");
        check(chainPrefixSeconds >= 0 && chainPrefixSeconds <= 10, "chain-prefix must be in [0, 10] seconds, got " + chainPrefixSeconds);
        check(maxFramesPerSegment >= 0, "max-frames must be >= 0, got " + maxFramesPerSegment);
        check(retries >= 0 && retries <= 10, "retries must be in [0, 10], got " + retries);
        check(hybrid != null, "hybrid conditions must be given (HybridConditions.DEFAULTS: upstream's)");
        check(quality != null, "quality settings must be given (QualitySettings.DEFAULTS)");
    }

    public static SpeechOptions defaults() {
        return new SpeechOptions("en-us", ConditioningInputs.DEFAULT_EMOTION, ConditioningInputs.DEFAULT_FMAX,
                ConditioningInputs.DEFAULT_PITCH_STD, ConditioningInputs.DEFAULT_SPEAKING_RATE, 2f, 0L, SamplingParams.upstreamDefaults(),
                Mode.AUTO, 8, 4L << 30, 0f, 0, 1, HybridConditions.DEFAULTS, QualitySettings.DEFAULTS);
    }

    @Override
    public float[] emotion() {
        return emotion.clone();
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new InvalidInputException(message);
        }
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder() {
        return new Builder(defaults());
    }

    /** Changes a few options of a validated set; {@link #build} validates again. */
    public static final class Builder {
        private String language;
        private float[] emotion;
        private float fmax;
        private float pitchStd;
        private float speakingRate;
        private float cfgScale;
        private long seed;
        private SamplingParams sampling;
        private Mode mode;
        private int maxBatch;
        private long memoryBudgetBytes;
        private float chainPrefixSeconds;
        private int maxFramesPerSegment;
        private int retries;
        private HybridConditions hybrid;
        private QualitySettings quality;

        private Builder(SpeechOptions o) {
            language = o.language;
            emotion = o.emotion;
            fmax = o.fmax;
            pitchStd = o.pitchStd;
            speakingRate = o.speakingRate;
            cfgScale = o.cfgScale;
            seed = o.seed;
            sampling = o.sampling;
            mode = o.mode;
            maxBatch = o.maxBatch;
            memoryBudgetBytes = o.memoryBudgetBytes;
            chainPrefixSeconds = o.chainPrefixSeconds;
            maxFramesPerSegment = o.maxFramesPerSegment;
            retries = o.retries;
            hybrid = o.hybrid;
            quality = o.quality;
        }

        public Builder language(String v) { language = v; return this; }
        public Builder emotion(float[] v) { emotion = v; return this; }
        public Builder fmax(float v) { fmax = v; return this; }
        public Builder pitchStd(float v) { pitchStd = v; return this; }
        public Builder speakingRate(float v) { speakingRate = v; return this; }
        public Builder cfgScale(float v) { cfgScale = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder sampling(SamplingParams v) { sampling = v; return this; }
        public Builder mode(Mode v) { mode = v; return this; }
        public Builder maxBatch(int v) { maxBatch = v; return this; }
        public Builder memoryBudgetBytes(long v) { memoryBudgetBytes = v; return this; }
        public Builder chainPrefixSeconds(float v) { chainPrefixSeconds = v; return this; }
        public Builder maxFramesPerSegment(int v) { maxFramesPerSegment = v; return this; }
        public Builder retries(int v) { retries = v; return this; }
        public Builder hybrid(HybridConditions v) { hybrid = v; return this; }
        public Builder quality(QualitySettings v) { quality = v; return this; }
        /** Extra takes of a flagged segment (the best-scoring one is kept); 0 = off. */
        public Builder qualityRetry(int v) { quality = quality.withRetries(v); return this; }

        public SpeechOptions build() {
            return new SpeechOptions(language, emotion, fmax, pitchStd, speakingRate, cfgScale, seed, sampling, mode,
                    maxBatch, memoryBudgetBytes, chainPrefixSeconds, maxFramesPerSegment, retries, hybrid, quality);
        }
    }
}
