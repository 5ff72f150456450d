package dev.zonos4j.model.dac;

/** A half-open range {@code [start, end)} of time indices at one layer of the codec. */
public record Span(int start, int end) {
    public Span {
        if (end < start) {
            throw new IllegalArgumentException("empty-reversed span [" + start + ", " + end + ")");
        }
    }

    public int length() {
        return end - start;
    }

    /** Grows by {@code left} before and {@code right} after. */
    Span expand(int left, int right) {
        return new Span(start - left, end + right);
    }

    /** Intersects with {@code [0, length)}: a sequence's true ends, where zero padding is exact. */
    Span clip(int length) {
        int s = Math.max(0, start);
        int e = Math.min(length, end);
        return new Span(Math.min(s, e), e);
    }

    boolean contains(Span o) {
        return start <= o.start && o.end <= end;
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end + ")";
    }
}
