package dev.zonos4j.model.dac;

import dev.zonos4j.tensor.Signal;

/**
 * The reusable activation buffers of one encode or decode: a few signals that stages take turns writing, plus
 * one scratch signal for the phase split of strided and transposed convolutions. Buffers only grow, so after
 * the first chunk a stream allocates nothing. Not thread-safe: one workspace per concurrent caller.
 */
final class Workspace {
    private final Signal[] signals = {new Signal(), new Signal(), new Signal(), new Signal()};
    private final Signal phases = new Signal();
    private final Signal held = new Signal();
    /** Per-stage CPU nanoseconds (all threads) and multiply-adds of the decoder chain when profiling, else null. */
    long[] stageNanos;
    long[] stageMacs;

    /** A buffer other than the ones given, which are still in use. */
    Signal spare(Signal... busy) {
        for (Signal s : signals) {
            boolean free = true;
            for (Signal b : busy) {
                free &= s != b;
            }
            if (free) {
                return s;
            }
        }
        throw new IllegalStateException("workspace has no free buffer");
    }

    Signal phases() {
        return phases;
    }

    /** Holds the low-rate part's output while the high-rate part runs over sub-windows of it. */
    Signal held() {
        return held;
    }

    /** Floats held by all buffers (for memory reports). */
    long floats() {
        long n = phases.data().length + held.data().length;
        for (Signal s : signals) {
            n += s.data().length;
        }
        return n;
    }
}
