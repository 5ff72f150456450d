package dev.zonos4j.audio;

/** How far a signal is from a reference, as a ratio of their energies. */
public final class SignalToError {
    private SignalToError() {
    }

    /**
     * 10·log10(Σ ref² / Σ (ref − x)²) in dB; +∞ when they are equal. Lengths must match: a length change is not an
     * error of small size but a different signal.
     */
    public static double db(float[] reference, float[] x) {
        if (reference.length != x.length) {
            throw new IllegalArgumentException("signals of " + reference.length + " and " + x.length + " samples");
        }
        double signal = 0;
        double error = 0;
        for (int i = 0; i < x.length; i++) {
            double r = reference[i];
            double e = r - x[i];
            signal += r * r;
            error += e * e;
        }
        return 10 * Math.log10(signal / error);
    }
}
