package dev.zonos4j.model.zonos;

/**
 * Sees every step of one sequence (debugging and golden checks; the engine attaches none). Arrays are the
 * sequence's buffers, valid only during the call.
 */
@FunctionalInterface
public interface StepObserver {
    /**
     * @param step        0 = prefill, then decode steps 1, 2, ...
     * @param input       the delayed-layout frame fed to this decode step (9 ids); null at prefill
     * @param logits      CFG-combined logits [9, width] before logit bias and repetition penalty
     * @param finalLogits what the sampler saw: after logit bias and penalty (equal to logits at prefill)
     * @param sampled     the sampler's 9 tokens, before EOS overrides
     */
    void onStep(int step, int[] input, float[] logits, float[] finalLogits, int[] sampled);
}
