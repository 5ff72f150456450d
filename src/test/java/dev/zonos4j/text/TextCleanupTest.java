package dev.zonos4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextCleanupTest {
    @Test
    void pastedTypographyBecomesWhatTheModelKnows() {
        assertEquals("Don't — \"it's\" “fine”.", TextCleanup.apply("Don’t\u00A0–\u2009″it‘s″ „fine”."));
        assertEquals("a-b, 1990-2000, x — y — z", TextCleanup.apply("a\u2010b, 1990–2000, x -- y \u2015 z"));
        assertEquals("wait—what", TextCleanup.apply("wait---what"));
    }

    @Test
    void invisibleAndControlCharactersGoAndSpacesCollapse() {
        assertEquals("one two three", TextCleanup.apply("\uFEFF one\u200B \t\r\n two\u0007\u00AD  three \u3000"));
        assertEquals("", TextCleanup.apply(" \n\t "));
    }

    @Test
    void composesAccentsAndKeepsModelSymbols() {
        assertEquals("café", TextCleanup.apply("cafe\u0301"));
        assertEquals("Hmm… «oui» “yes”", TextCleanup.apply("Hmm… «oui» “yes”"));
    }

    @Test
    void dashesAtTheEdgesOfTheText() {
        assertEquals("- b", TextCleanup.apply("\u2013 b"));
        assertEquals("a -", TextCleanup.apply("a \u2013"));
        assertEquals("a- b", TextCleanup.apply("a\u2013 b"));
        assertEquals("a -b", TextCleanup.apply("a \u2013b"));
        assertEquals("x-", TextCleanup.apply("x-"));
        assertEquals("wait—", TextCleanup.apply("wait--"));
        assertEquals("—", TextCleanup.apply("--"));
    }
}
