package dev.zonos4j.model.dac;

import dev.zonos4j.util.InvalidInputException;

/**
 * Decodes a code sequence that arrives frame by frame, emitting audio as soon as it is final: a chunk of
 * {@code chunk} frames is decoded once {@link DacModel#contextAfter()} frames past it have arrived (or at
 * {@link #finish()}). Only the last {@link DacModel#contextBefore()} frames before the next chunk are kept, and the
 * activation buffers are reused, so memory does not grow with the sequence. The emitted audio equals
 * {@link DacModel#decode(int[][])} of the whole sequence bit for bit.
 *
 * <p>One sequence at a time; after {@link #finish()} the decoder starts a new sequence. Not thread-safe.
 */
public final class StreamingDecoder implements AutoCloseable {
    private final DacModel model;
    private final AudioSink sink;
    private final int chunk;
    private final int[][] window; // [codebooks][capacity]: frames [first, first + count) of the sequence
    private Workspace ws;
    private int first;
    private int count;
    private int emitted;          // frames whose audio has been written

    StreamingDecoder(DacModel model, AudioSink sink, int chunkFrames) {
        if (chunkFrames < 1) {
            throw new IllegalArgumentException("chunk must be at least one frame, got " + chunkFrames);
        }
        this.model = model;
        this.sink = sink;
        this.chunk = chunkFrames;
        this.window = new int[model.codebooks()][model.contextBefore() + chunkFrames + model.contextAfter() + chunkFrames];
        this.ws = model.borrow();
    }

    /** Appends frames {@code [from, to)} of {@code codes [nCodebooks][*]} and emits any audio that became final. */
    public void accept(int[][] codes, int from, int to) {
        if (ws == null) {
            throw new IllegalStateException("streaming decoder is closed");
        }
        if (codes.length != window.length) {
            throw new InvalidInputException("codes have " + codes.length + " codebooks, the codec expects " + window.length);
        }
        int size = model.config().codebookSize();
        for (int f = from; f < to; f++) {
            if (count == window[0].length) {
                decodeReady(false);
                compact();
            }
            for (int i = 0; i < window.length; i++) {
                int c = codes[i][f];
                if (c < 0 || c >= size) {
                    throw new InvalidInputException("code " + c + " at codebook " + i + ", frame " + (first + count)
                            + " is outside [0, " + size + ")");
                }
                window[i][count] = c;
            }
            count++;
        }
        decodeReady(false);
    }

    /** Appends all frames of {@code codes [nCodebooks][k]}. */
    public void accept(int[][] codes) {
        accept(codes, 0, codes.length == 0 ? 0 : codes[0].length);
    }

    /** The sequence is complete: emits the rest of its audio and gets ready for a new sequence. */
    public void finish() {
        decodeReady(true);
        first = 0;
        count = 0;
        emitted = 0;
    }

    /** Accumulates per-stage decoder time and work into these arrays (one entry per decoder stage). */
    void profile(long[] nanos, long[] macs) {
        ws.stageNanos = nanos;
        ws.stageMacs = macs;
    }

    /** Bytes held by this decoder's activation buffers (they grow to their final size within the first chunks). */
    public long bufferBytes() {
        return ws == null ? 0 : ws.floats() * Float.BYTES;
    }

    /** Frames received in the current sequence. */
    public int frames() {
        return first + count;
    }

    /** Frames whose audio has been emitted in the current sequence. */
    public int emittedFrames() {
        return emitted;
    }

    private void decodeReady(boolean finished) {
        int total = first + count;
        while (emitted < total) {
            int e1 = Math.min(total, emitted + chunk);
            int w1 = e1 + model.contextAfter();
            if (w1 > total) {
                if (!finished) {
                    return;
                }
                w1 = total;
            }
            int w0 = Math.max(0, emitted - model.contextBefore());
            model.decodeWindow(window, w0 - first, w0, w1, emitted, e1, ws, sink);
            emitted = e1;
        }
    }

    /** Drops frames no future chunk reads. */
    private void compact() {
        int keepFrom = Math.max(first, emitted - model.contextBefore());
        int drop = keepFrom - first;
        if (drop == 0) {
            throw new IllegalStateException("streaming window full without progress");
        }
        for (int[] row : window) {
            System.arraycopy(row, drop, row, 0, count - drop);
        }
        first += drop;
        count -= drop;
    }

    /** Returns the buffers to the model's pool; the decoder cannot be used afterwards. */
    @Override
    public void close() {
        if (ws != null) {
            ws.stageNanos = null;
            ws.stageMacs = null;
            model.release(ws);
            ws = null;
        }
    }
}
