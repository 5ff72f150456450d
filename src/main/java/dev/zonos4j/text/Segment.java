package dev.zonos4j.text;

/**
 * One piece of a long text, synthesised in one model run.
 *
 * @param index        position in the text, from 0
 * @param text         what to speak: the source span after {@link TextCleanup}, ready for {@link TextFrontEnd#prepare}
 * @param start        first char of the span in the user's text (inclusive)
 * @param end          end of the span in the user's text (exclusive)
 * @param phonemeCount phoneme symbols of {@code text} (the model's token count without BOS/EOS)
 * @param paragraphEnd true when the span ends a paragraph (a blank line follows, or the text ends)
 */
public record Segment(int index, String text, int start, int end, int phonemeCount, boolean paragraphEnd) {
    public Segment {
        if (index < 0 || start < 0 || end <= start || text.isBlank() || phonemeCount < 0) {
            throw new IllegalArgumentException("bad segment " + index + " [" + start + "," + end + ") '" + text + "'");
        }
    }
}
