package dev.zonos4j.model.zonos;

import dev.zonos4j.tensor.Kernels;
import java.util.random.RandomGenerator;

/**
 * Upstream's sampling transforms as small functions over one distribution {@code p[off .. off + n)}, float32
 * as upstream computes them. Each filter zeroes entries and renormalises by the sum, as upstream does.
 */
public final class Samplers {
    private Samplers() {
    }

    /** A probability transform of the sampling pipeline. */
    @FunctionalInterface
    public interface Filter {
        void apply(float[] p, int off, int n);
    }

    /** Index of the largest value (the first one on ties). */
    public static int argmax(float[] x, int off, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (x[off + i] > x[off + best]) {
                best = i;
            }
        }
        return best;
    }

    /** softmax(logits / temperature), in place. */
    public static void softmax(float[] x, int off, int n, float temperature, Kernels k) {
        if (temperature != 1f) {
            for (int i = 0; i < n; i++) {
                x[off + i] /= temperature;
            }
        }
        k.softmax(x, off, n);
    }

    /**
     * Repetition penalty over the last {@code window} tokens before column {@code end} of each codebook's
     * token row: ids clamped to width - 1; factor = penalty^count; logit <= 0 -> logit * factor, else / factor.
     * {@code logits} is [codebooks, width].
     */
    public static void repetitionPenalty(float[] logits, int width, int[][] tokens, int end, int window, float penalty) {
        int start = Math.max(0, end - window);
        for (int cb = 0; cb < tokens.length; cb++) {
            int[] row = tokens[cb];
            for (int j = start; j < end; j++) {
                int id = Math.min(row[j], width - 1);
                if (seenBefore(row, start, j, id, width)) {
                    continue;
                }
                float factor = 1f;
                for (int t = j; t < end; t++) {
                    if (Math.min(row[t], width - 1) == id) {
                        factor *= penalty;
                    }
                }
                int at = cb * width + id;
                float v = logits[at];
                logits[at] = v <= 0 ? v * factor : v / factor;
            }
        }
    }

    private static boolean seenBefore(int[] row, int start, int j, int id, int width) {
        for (int t = start; t < j; t++) {
            if (Math.min(row[t], width - 1) == id) {
                return true;
            }
        }
        return false;
    }

    /** NovelAI unified: softmax(log p * (linear + H * conf) - (log p)^2 * quad), H = entropy, log p clamped at 1e-20. */
    public static Filter unified(float linear, float conf, float quad, Kernels k) {
        return (p, off, n) -> {
            float entropy = 0;
            for (int i = 0; i < n; i++) {
                float lp = (float) StrictMath.log(Math.max(p[off + i], 1e-20f));
                entropy -= p[off + i] * lp;
            }
            float scale = linear + entropy * conf;
            for (int i = 0; i < n; i++) {
                float lp = (float) StrictMath.log(Math.max(p[off + i], 1e-20f));
                p[off + i] = lp * scale - lp * lp * quad;
            }
            k.softmax(p, off, n);
        };
    }

    /**
     * Nucleus: in descending order keep each entry whose preceding cumulative mass is <= topP.
     * {@code keys} is scratch of at least n longs.
     */
    public static Filter topP(float topP, long[] keys) {
        return (p, off, n) -> {
            sortDescending(p, off, n, keys);
            double cum = 0;
            for (int i = 0; i < n; i++) {
                int idx = (int) keys[i];
                float v = p[off + idx];
                cum += v;
                if ((float) cum - v > topP) {
                    p[off + idx] = 0f;
                }
            }
            renormalise(p, off, n);
        };
    }

    /** Keeps entries >= the k-th largest value (ties at the pivot survive). */
    public static Filter topK(int topK, long[] keys) {
        return (p, off, n) -> {
            sortDescending(p, off, n, keys);
            float pivot = p[off + (int) keys[Math.min(topK, n) - 1]];
            for (int i = 0; i < n; i++) {
                if (p[off + i] < pivot) {
                    p[off + i] = 0f;
                }
            }
            renormalise(p, off, n);
        };
    }

    /** Drops entries below minP times the largest probability. */
    public static Filter minP(float minP) {
        return (p, off, n) -> {
            float max = 0;
            for (int i = 0; i < n; i++) {
                max = Math.max(max, p[off + i]);
            }
            float cut = minP * max;
            for (int i = 0; i < n; i++) {
                if (p[off + i] < cut) {
                    p[off + i] = 0f;
                }
            }
            renormalise(p, off, n);
        };
    }

    /**
     * One draw from p: argmax(p_i / q_i) with q_i ~ Exp(1) (the exponential race; a categorical draw).
     * Only entries with p > 0 consume randomness.
     */
    public static int draw(float[] p, int off, int n, RandomGenerator rng) {
        int best = argmax(p, off, n);
        float bestScore = -1f;
        for (int i = 0; i < n; i++) {
            float v = p[off + i];
            if (v > 0) {
                float q = (float) -StrictMath.log(1.0 - rng.nextDouble());
                float score = v / q;
                if (score > bestScore) {
                    bestScore = score;
                    best = i;
                }
            }
        }
        return best;
    }

    /** Divides by the sum (float32 accumulation, as upstream). */
    static void renormalise(float[] p, int off, int n) {
        float sum = 0;
        for (int i = 0; i < n; i++) {
            sum += p[off + i];
        }
        for (int i = 0; i < n; i++) {
            p[off + i] /= sum;
        }
    }

    /** keys[0 .. n) = indices of p in descending value order, lower index first on ties (heap sort, no allocation). */
    static void sortDescending(float[] p, int off, int n, long[] keys) {
        for (int i = 0; i < n; i++) {
            int bits = Float.floatToIntBits(p[off + i] + 0f);
            keys[i] = ((long) (Integer.MAX_VALUE - bits) << 32) | i;
        }
        for (int i = n / 2 - 1; i >= 0; i--) {
            siftDown(keys, i, n);
        }
        for (int end = n - 1; end > 0; end--) {
            long t = keys[0];
            keys[0] = keys[end];
            keys[end] = t;
            siftDown(keys, 0, end);
        }
        for (int i = 0; i < n; i++) {
            keys[i] &= 0xFFFFFFFFL;
        }
    }

    private static void siftDown(long[] a, int i, int n) {
        long v = a[i];
        while (true) {
            int c = 2 * i + 1;
            if (c >= n) {
                break;
            }
            if (c + 1 < n && a[c + 1] > a[c]) {
                c++;
            }
            if (a[c] <= v) {
                break;
            }
            a[i] = a[c];
            i = c;
        }
        a[i] = v;
    }
}
