package dev.zonos4j.audio.join;

/**
 * Equal-power fades: gains sin(θ) in and cos(θ) out with θ running over (0, π/2), so the two gains' squares sum
 * to one at every sample and uncorrelated signals crossfade without a dip or bump in power.
 */
public final class Fades {
    private Fades() {
    }

    /** Gain of a fade-in of n samples at sample k (0 ≤ k < n). */
    public static float in(int k, int n) {
        return (float) Math.sin(0.5 * Math.PI * (k + 0.5) / n);
    }

    /** Gain of a fade-out of n samples at sample k (0 ≤ k < n). */
    public static float out(int k, int n) {
        return (float) Math.cos(0.5 * Math.PI * (k + 0.5) / n);
    }

    /** Fades x[from, from+n) in, in place. */
    public static void fadeIn(float[] x, int from, int n) {
        for (int k = 0; k < n; k++) {
            x[from + k] *= in(k, n);
        }
    }

    /** Fades x[from, from+n) out, in place. */
    public static void fadeOut(float[] x, int from, int n) {
        for (int k = 0; k < n; k++) {
            x[from + k] *= out(k, n);
        }
    }

    /** out[k] = a[aFrom+k]·fadeOut(k) + b[bFrom+k]·fadeIn(k) for k < n, written into a in place. */
    public static void crossfadeInto(float[] a, int aFrom, float[] b, int bFrom, int n) {
        for (int k = 0; k < n; k++) {
            a[aFrom + k] = a[aFrom + k] * out(k, n) + b[bFrom + k] * in(k, n);
        }
    }
}
