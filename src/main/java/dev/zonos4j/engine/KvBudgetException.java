package dev.zonos4j.engine;

import dev.zonos4j.util.InvalidInputException;
import java.util.Locale;

/**
 * A segment whose KV cache, at its frame cap, needs more than the whole memory budget: it could never run, so
 * the request stops there. A usage error: the message says which option to raise and to what.
 */
public final class KvBudgetException extends InvalidInputException {
    private final long neededBytes;
    private final long budgetBytes;

    /** Segment {@code index} (from 0) needs {@code neededBytes}; the budget is {@code budgetBytes}. */
    public KvBudgetException(int index, long neededBytes, long budgetBytes) {
        super("segment " + (index + 1) + " needs " + size(neededBytes) + " of KV cache, more than the memory budget of "
                + size(budgetBytes) + ": raise --memory-budget to at least " + option(neededBytes));
        this.neededBytes = neededBytes;
        this.budgetBytes = budgetBytes;
    }

    public long neededBytes() {
        return neededBytes;
    }

    public long budgetBytes() {
        return budgetBytes;
    }

    /** Rounded up to a whole K or M, as {@code --memory-budget} is written, so the figure is always enough. */
    static String option(long bytes) {
        if (bytes < 1L << 20) {
            return Long.toString((bytes + 1023) >> 10) + "K";
        }
        return Long.toString((bytes + (1L << 20) - 1) >> 20) + "M";
    }

    static String size(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
        }
        if (bytes >= 1L << 10) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return bytes + " bytes";
    }
}
