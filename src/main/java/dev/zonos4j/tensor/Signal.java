package dev.zonos4j.tensor;

import java.util.Arrays;

/**
 * A reusable buffer holding a multi-channel signal over a window of absolute time {@code [start, start+length)}:
 * one row per channel, time contiguous, with {@link #MARGIN} zero columns on each side of the window.
 * Convolution kernels read the margins as the zero padding at the true ends of a sequence.
 *
 * <p>The backing array only grows, so a signal reused for chunk after chunk stops allocating after the first.
 */
public final class Signal {
    /** Zero columns kept on each side of the window: at least the widest padding of any convolution used. */
    public static final int MARGIN = 32;

    private float[] data = new float[0];
    private int channels;
    private int pitch;
    private int origin;
    private int start;
    private int length;

    /**
     * Lays the buffer out for {@code channels} rows over time {@code [start, start+length)} and zeroes the margins.
     * The window's contents are unspecified until written.
     */
    public Signal shape(int channels, int start, int length) {
        if (channels < 1 || length < 0) {
            throw new IllegalArgumentException("bad signal shape: " + channels + " channels, length " + length);
        }
        int p = (MARGIN + length + MARGIN + 15) & ~15;
        long need = (long) p * channels;
        if (need > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("signal of " + channels + " x " + length + " is too large for one buffer");
        }
        if (data.length < need) {
            data = new float[(int) need];
        }
        this.channels = channels;
        this.pitch = p;
        this.origin = MARGIN;
        this.start = start;
        this.length = length;
        zeroMargins();
        return this;
    }

    /**
     * Shrinks the window to {@code [newStart, newStart+newLength)} without moving data; the columns that leave
     * the window next to it become the new zero margins.
     */
    public void narrow(int newStart, int newLength) {
        if (newStart < start || newLength < 0 || newStart + newLength > start + length) {
            throw new IllegalArgumentException("cannot narrow [" + start + ", " + end() + ") to [" + newStart + ", "
                    + (newStart + newLength) + ")");
        }
        origin += newStart - start;
        start = newStart;
        length = newLength;
        zeroMargins();
    }

    private void zeroMargins() {
        for (int c = 0; c < channels; c++) {
            int row = c * pitch + origin;
            Arrays.fill(data, row - MARGIN, row, 0f);
            Arrays.fill(data, row + length, row + length + MARGIN, 0f);
        }
    }

    /** The backing array (rows of {@link #pitch()} floats). */
    public float[] data() {
        return data;
    }

    public int channels() {
        return channels;
    }

    public int pitch() {
        return pitch;
    }

    /** First absolute time index of the window. */
    public int start() {
        return start;
    }

    public int length() {
        return length;
    }

    /** One past the last absolute time index of the window. */
    public int end() {
        return start + length;
    }

    /** Index in {@link #data()} of channel {@code c} at absolute time {@code t} (t may lie in the margins). */
    public int index(int c, int t) {
        return c * pitch + origin + (t - start);
    }

    /** Copies channel-major values {@code [channels][length]} into the window. */
    public Signal fill(float[] values) {
        if (values.length != channels * length) {
            throw new IllegalArgumentException("expected " + channels * length + " values, got " + values.length);
        }
        for (int c = 0; c < channels; c++) {
            System.arraycopy(values, c * length, data, index(c, start), length);
        }
        return this;
    }

    /** The window as a channel-major array {@code [channels][length]}. */
    public float[] toArray() {
        float[] out = new float[channels * length];
        for (int c = 0; c < channels; c++) {
            System.arraycopy(data, index(c, start), out, c * length, length);
        }
        return out;
    }

    @Override
    public String toString() {
        return "Signal[" + channels + " x [" + start + ", " + end() + ")]";
    }
}
