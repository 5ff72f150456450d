package dev.zonos4j.model.zonos;

/**
 * The codebook delay pattern: codebook k lags k + 1 frames. {@code delayed[k][t] = codes[k][t - k - 1]} for
 * k + 1 <= t < T + k + 1, else MASK; the delayed buffer has T + 9 columns.
 */
public final class DelayPattern {
    /** Marks a value not generated yet. */
    public static final int UNKNOWN = -1;

    private DelayPattern() {
    }

    /** codes [n][T] -> delayed [n][T + n], MASK outside each codebook's window. */
    public static int[][] delay(int[][] codes, int mask) {
        int n = codes.length;
        int frames = codes[0].length;
        int[][] out = new int[n][frames + n];
        for (int k = 0; k < n; k++) {
            java.util.Arrays.fill(out[k], mask);
            System.arraycopy(codes[k], 0, out[k], k + 1, frames);
        }
        return out;
    }

    /** delayed [n][T + n] -> codes [n][T]: {@code codes[k][j] = delayed[k][j + k + 1]}. */
    public static int[][] revert(int[][] delayed) {
        int n = delayed.length;
        int frames = delayed[0].length - n;
        int[][] out = new int[n][frames];
        for (int k = 0; k < n; k++) {
            System.arraycopy(delayed[k], k + 1, out[k], 0, frames);
        }
        return out;
    }

    /**
     * Upstream writes a frame with {@code masked_scatter_}: the first m values of {@code values}, in order, go
     * into the m slots of column {@code col} that are still UNKNOWN. Normally those are codebooks 0..m-1; past
     * the last frame they are the higher codebooks, which then receive the values meant for lower ones.
     * A column past the buffer is a no-op.
     */
    public static void scatterUnknown(int[][] delayed, int col, int[] values) {
        if (col >= delayed[0].length) {
            return;
        }
        int next = 0;
        for (int[] row : delayed) {
            if (row[col] == UNKNOWN) {
                row[col] = values[next++];
            }
        }
    }
}
