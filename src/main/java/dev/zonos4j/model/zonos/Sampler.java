package dev.zonos4j.model.zonos;

import dev.zonos4j.tensor.Kernels;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One sequence's token picker: the sampling pipeline of its {@link SamplingParams}, composed once from
 * {@link Samplers}, and its own explicitly seeded RNG, so results never depend on other sequences.
 */
final class Sampler {
    private final float temperature;
    private final List<Samplers.Filter> filters = new ArrayList<>();
    private final SplittableRandom rng;
    private final Kernels kernels;
    private final float[] probs;

    Sampler(SamplingParams p, long seed, int width, Kernels kernels) {
        this.temperature = p.temperature();
        this.rng = new SplittableRandom(seed);
        this.kernels = kernels;
        this.probs = new float[width];
        long[] keys = new long[width];
        if (p.linear() > 0) {
            filters.add(Samplers.unified(p.linear(), p.conf(), p.quad(), kernels));
        }
        if (p.topP() > 0) {
            filters.add(Samplers.topP(p.topP(), keys));
        }
        if (p.topK() > 0) {
            filters.add(Samplers.topK(p.topK(), keys));
        }
        if (p.minP() > 0) {
            filters.add(Samplers.minP(p.minP()));
        }
    }

    /** Picks one token per codebook from {@code logits} [codebooks, width] (left untouched) into {@code out}. */
    void sample(float[] logits, int width, int codebooks, int[] out) {
        for (int cb = 0; cb < codebooks; cb++) {
            int off = cb * width;
            if (temperature == 0f) {
                out[cb] = Samplers.argmax(logits, off, width);
                continue;
            }
            System.arraycopy(logits, off, probs, 0, width);
            Samplers.softmax(probs, 0, width, temperature, kernels);
            for (Samplers.Filter f : filters) {
                f.apply(probs, 0, width);
            }
            out[cb] = Samplers.draw(probs, 0, width, rng);
        }
    }
}
