package dev.zonos4j.model.zonos;

import dev.zonos4j.util.InvalidInputException;

/**
 * Upstream's {@code sampling_params}. Temperature 0 is greedy (argmax). With temperature > 0 the pipeline
 * is softmax(logits / T) -> unified (when linear > 0) -> top_p -> top_k -> min_p -> draw; 0 disables a step.
 * The repetition penalty (1 = off) applies before all of it, at every decode step (not at prefill).
 *
 * @param linear NovelAI unified sampler: linear factor on the log-probabilities (0 = off)
 * @param conf   unified sampler: entropy (confidence) factor
 * @param quad   unified sampler: quadratic penalty on the log-probabilities
 */
public record SamplingParams(float temperature, float topP, int topK, float minP, float linear, float conf,
        float quad, float repetitionPenalty, int repetitionPenaltyWindow) {

    public SamplingParams {
        if (!(temperature >= 0) || Float.isInfinite(temperature)) {
            throw new InvalidInputException("temperature must be >= 0 (0 = greedy), got " + temperature);
        }
        if (!(topP >= 0 && topP <= 1)) {
            throw new InvalidInputException("top_p must be in [0, 1] (0 = off), got " + topP);
        }
        if (topK < 0) {
            throw new InvalidInputException("top_k must be >= 0 (0 = off), got " + topK);
        }
        if (!(minP >= 0 && minP <= 1)) {
            throw new InvalidInputException("min_p must be in [0, 1] (0 = off), got " + minP);
        }
        if (!(linear >= 0) || !Float.isFinite(linear) || !Float.isFinite(conf) || !Float.isFinite(quad)) {
            throw new InvalidInputException("unified sampler needs linear >= 0 and finite conf/quad, got "
                    + linear + ", " + conf + ", " + quad);
        }
        if (!(repetitionPenalty > 0) || Float.isInfinite(repetitionPenalty)) {
            throw new InvalidInputException("repetition_penalty must be > 0 (1 = off), got " + repetitionPenalty);
        }
        if (repetitionPenaltyWindow < 1) {
            throw new InvalidInputException("repetition_penalty_window must be >= 1, got " + repetitionPenaltyWindow);
        }
    }

    /** Upstream generate()'s default {@code dict(min_p=0.1)}: temperature 1, min_p 0.1, penalty 3.0 over 2 frames. */
    public static SamplingParams upstreamDefaults() {
        return new SamplingParams(1f, 0f, 0, 0.1f, 0f, 0f, 0f, 3f, 2);
    }

    /** Argmax decoding with upstream's default repetition penalty (3.0, window 2). */
    public static SamplingParams greedy() {
        return new SamplingParams(0f, 0f, 0, 0f, 0f, 0f, 0f, 3f, 2);
    }

    public SamplingParams withTemperature(float t) {
        return new SamplingParams(t, topP, topK, minP, linear, conf, quad, repetitionPenalty, repetitionPenaltyWindow);
    }

    public SamplingParams withRepetitionPenalty(float penalty, int window) {
        return new SamplingParams(temperature, topP, topK, minP, linear, conf, quad, penalty, window);
    }
}
