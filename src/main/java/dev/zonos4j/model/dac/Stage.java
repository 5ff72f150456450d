package dev.zonos4j.model.dac;

import dev.zonos4j.tensor.Signal;

/**
 * One layer of the encoder or decoder, computed over a window of time rather than a whole sequence: it says which
 * input window an output window needs, so long sequences run in bounded chunks and still match a one-shot run.
 */
interface Stage {
    /** Output length for an input of {@code inLength} samples. */
    int outLength(int inLength);

    /** The input window that output window {@code out} reads, clipped to {@code [0, inLength)}. */
    Span needs(Span out, int inLength);

    /**
     * Computes output window {@code out} from {@code x}, whose window is {@link #needs}{@code (out)}; returns the
     * signal holding the result ({@code x} itself for in-place stages, else a spare buffer of {@code ws}).
     */
    Signal forward(Signal x, Span out, Workspace ws);

    /** Reports activations this stage computes internally (a fused snake) to a probe; most stages have none. */
    default void probeInput(Signal x, Workspace ws, Probe probe) {
    }

    /** Multiply-adds per output sample (for FLOP counts). */
    long macsPerSample();

    /** A short description for profiles, e.g. {@code res 768 d3}. */
    String label();
}
