package dev.zonos4j.text;

/** A sentence of the user's text: the span [start, end) without surrounding whitespace, and whether it ends a paragraph. */
record Sentence(int start, int end, boolean paragraphEnd) {
    Sentence {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("empty sentence span [" + start + "," + end + ")");
        }
    }

    Sentence endingParagraph() {
        return new Sentence(start, end, true);
    }
}
