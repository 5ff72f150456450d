package dev.zonos4j.model.zonos;

import dev.zonos4j.util.InvalidInputException;

/**
 * What the prefix conditioner reads for one request, by conditioner name as upstream's {@code make_cond_dict}
 * builds it. Conditioners of the config with other names get their learned unconditional vector.
 *
 * @param phonemeIds   espeak symbol ids including BOS and EOS ({@code espeak})
 * @param speaker      speaker embedding (128 values), or null for the learned unconditional vector ({@code speaker})
 * @param emotion      8 emotion weights; divided by their sum as make_cond_dict does ({@code emotion})
 * @param fmax         maximum frequency in Hz, 0..24000 ({@code fmax})
 * @param pitchStd     pitch standard deviation, 0..400 ({@code pitch_std})
 * @param speakingRate phonemes per second, 0..40 ({@code speaking_rate})
 * @param languageId   index of the language in upstream's supported language list ({@code language_id})
 * @param hybrid       the hybrid model's extra conditioners (ignored by the transformer)
 */
public record ConditioningInputs(int[] phonemeIds, float[] speaker, float[] emotion, float fmax, float pitchStd,
        float speakingRate, int languageId, HybridConditions hybrid) {

    /** make_cond_dict's default emotion: Happiness, Sadness, Disgust, Fear, Surprise, Anger, Other, Neutral. */
    public static final float[] DEFAULT_EMOTION = {0.3077f, 0.0256f, 0.0256f, 0.0256f, 0.0256f, 0.0256f, 0.2564f, 0.3077f};
    public static final float DEFAULT_FMAX = 22050f;
    public static final float DEFAULT_PITCH_STD = 20f;
    public static final float DEFAULT_SPEAKING_RATE = 15f;

    /** Inputs with make_cond_dict's defaults for the hybrid's conditioners. */
    public ConditioningInputs(int[] phonemeIds, float[] speaker, float[] emotion, float fmax, float pitchStd,
            float speakingRate, int languageId) {
        this(phonemeIds, speaker, emotion, fmax, pitchStd, speakingRate, languageId, HybridConditions.DEFAULTS);
    }

    public ConditioningInputs {
        if (hybrid == null) {
            throw new IllegalArgumentException("hybrid conditions must not be null (use HybridConditions.DEFAULTS)");
        }
        if (phonemeIds == null || phonemeIds.length == 0) {
            throw new InvalidInputException("conditioning needs at least one phoneme id");
        }
        phonemeIds = phonemeIds.clone();
        speaker = speaker == null ? null : speaker.clone();
        if (emotion == null || emotion.length == 0) {
            throw new InvalidInputException("conditioning needs emotion weights");
        }
        emotion = emotion.clone();
        float sum = 0;
        for (float e : emotion) {
            if (!(e >= 0) || Float.isInfinite(e)) {
                throw new InvalidInputException("emotion weights must be finite and >= 0, got " + java.util.Arrays.toString(emotion));
            }
            sum += e;
        }
        if (!(sum > 0)) {
            throw new InvalidInputException("emotion weights must not all be 0");
        }
        check("fmax", fmax);
        check("pitch_std", pitchStd);
        check("speaking_rate", speakingRate);
        if (speaker != null) {
            for (float s : speaker) {
                if (!Float.isFinite(s)) {
                    throw new InvalidInputException("speaker embedding holds a non-finite value");
                }
            }
        }
    }

    /** make_cond_dict's defaults for everything but the phonemes, speaker and language. */
    public static ConditioningInputs defaults(int[] phonemeIds, float[] speaker, int languageId) {
        return new ConditioningInputs(phonemeIds, speaker, DEFAULT_EMOTION, DEFAULT_FMAX, DEFAULT_PITCH_STD,
                DEFAULT_SPEAKING_RATE, languageId);
    }

    /** The same inputs with other hybrid conditioners. */
    public ConditioningInputs withHybrid(HybridConditions h) {
        return new ConditioningInputs(phonemeIds, speaker, emotion, fmax, pitchStd, speakingRate, languageId, h);
    }

    private static void check(String name, float v) {
        if (!Float.isFinite(v)) {
            throw new InvalidInputException(name + " must be a finite number, got " + v);
        }
    }

    @Override
    public int[] phonemeIds() {
        return phonemeIds.clone();
    }

    @Override
    public float[] speaker() {
        return speaker == null ? null : speaker.clone();
    }

    @Override
    public float[] emotion() {
        return emotion.clone();
    }
}
