package dev.zonos4j.engine;

/**
 * What a decode step costs at each batch size, as the scheduler learns it. The scheduler uses it to hold a
 * request's later segments back while its first segment would be slowed too much by them (time to first audio).
 */
public interface StepCost {

    /** Nanoseconds of one step of {@code batch} sequences; NaN when nothing is known yet. */
    double nanos(int batch);

    /** A step of {@code batch} sequences took {@code nanos}. */
    void observe(int batch, long nanos);

    /** Nanoseconds of starting (prefilling) one more sequence, during which running ones wait; 0 when unknown. */
    default double prefillNanos() {
        return 0;
    }

    /** Starting a sequence took {@code nanos}. */
    default void observePrefill(long nanos) {
    }

    /** Every batch costs the same: later segments never wait (tests of other behaviour use this). */
    static StepCost flat() {
        return new StepCost() {
            public double nanos(int batch) {
                return 1;
            }

            public void observe(int batch, long nanos) {
            }
        };
    }

    /**
     * Measured: a moving average per batch size. A size not yet seen is extrapolated linearly from the largest
     * smaller one seen (the pessimistic case, where batching saves nothing), until it is measured.
     */
    static StepCost measured(int maxBatch) {
        return new StepCost() {
            private final double[] average = new double[maxBatch + 2];
            private double prefill;

            public synchronized double prefillNanos() {
                return prefill;
            }

            public synchronized void observePrefill(long nanos) {
                prefill = prefill == 0 ? nanos : 0.9 * prefill + 0.1 * nanos;
            }

            public synchronized double nanos(int batch) {
                int b = Math.min(batch, average.length - 1);
                if (average[b] > 0) {
                    return average[b];
                }
                for (int k = b - 1; k >= 1; k--) {
                    if (average[k] > 0) {
                        return average[k] * b / k;
                    }
                }
                return Double.NaN;
            }

            public synchronized void observe(int batch, long nanos) {
                int b = Math.min(batch, average.length - 1);
                average[b] = average[b] == 0 ? nanos : 0.9 * average[b] + 0.1 * nanos;
            }
        };
    }
}
