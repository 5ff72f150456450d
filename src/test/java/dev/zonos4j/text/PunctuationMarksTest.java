package dev.zonos4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.text.PunctuationMarks.Mark;
import dev.zonos4j.text.PunctuationMarks.Position;
import java.util.List;
import org.junit.jupiter.api.Test;

class PunctuationMarksTest {

    @Test
    void spaceIsAMarkSoEveryWordIsItsOwnChunk() {
        PunctuationMarks.Split s = PunctuationMarks.preserve("Hello, my world!");
        assertEquals(List.of("Hello", "my", "world"), s.chunks());
        assertEquals(List.of(new Mark(", ", Position.INSIDE), new Mark(" ", Position.INSIDE), new Mark("!", Position.END)),
                s.marks());
        assertEquals("A, B C!", PunctuationMarks.restore(List.of("A", "B", "C"), s.marks()));
    }

    @Test
    void leadingAndTrailingRunsSurviveWithTheirSpaces() {
        PunctuationMarks.Split s = PunctuationMarks.preserve("   Leading.   ");
        assertEquals(List.of("Leading"), s.chunks());
        assertEquals(List.of(new Mark("   ", Position.BEGIN), new Mark(".   ", Position.END)), s.marks());
        assertEquals("   x.   ", PunctuationMarks.restore(List.of("x"), s.marks()));
    }

    @Test
    void whitespaceWithoutAMarkIsNotACut() {
        PunctuationMarks.Split s = PunctuationMarks.preserve("Tabs\tand\nnewlines.");
        assertEquals(List.of("Tabs\tand\nnewlines"), s.chunks());
        assertEquals(List.of(new Mark(".", Position.END)), s.marks());
    }

    @Test
    void pythonWhitespaceJoinsARunThatHasAMark() {
        // NBSP and U+202F are whitespace to Python's regex, so they join the run around the comma
        PunctuationMarks.Split s = PunctuationMarks.preserve("a\u00A0,\u202Fb");
        assertEquals(List.of("a", "b"), s.chunks());
        assertEquals("x\u00A0,\u202Fy", PunctuationMarks.restore(List.of("x", "y"), s.marks()));
    }

    @Test
    void onlyMarksComeBackAlone() {
        PunctuationMarks.Split s = PunctuationMarks.preserve(" ... ");
        assertEquals(List.of(), s.chunks());
        assertEquals(" ... ", PunctuationMarks.restore(List.of(), s.marks()));
    }

    @Test
    void anEmptyLineGivesNothing() {
        PunctuationMarks.Split s = PunctuationMarks.preserve("");
        assertEquals(List.of(), s.chunks());
        assertNull(PunctuationMarks.restore(List.of(), s.marks()));
    }

    @Test
    void aChunkThatPhonemizesToNothingKeepsItsMarks() {
        PunctuationMarks.Split s = PunctuationMarks.preserve("(a) b");
        assertEquals(List.of("a", "b"), s.chunks());
        assertEquals("() y", PunctuationMarks.restore(List.of("", "y"), s.marks()));
    }

    @Test
    void espeakOutputIsCleanedAsPhonemizerDoes() {
        assertEquals("dʒˈɑːn æt ɛɡzˈæmpəl", EspeakPhonemizer.postprocess("dʒ_ˈɑː_n _æ_t_ ɛ_ɡ_z_ˈæ_m_p_əl"));
        assertEquals("a b", EspeakPhonemizer.postprocess(" a__\nb_ "));
        assertEquals("", EspeakPhonemizer.postprocess("  "));
    }

    @Test
    void runsAtEitherEndAndLinesWithoutMarks() {
        assertEquals(List.of("word"), PunctuationMarks.preserve("word").chunks());
        assertEquals(List.of(), PunctuationMarks.preserve("word").marks());
        PunctuationMarks.Split end = PunctuationMarks.preserve("ab.");
        assertEquals(List.of("ab"), end.chunks());
        assertEquals(List.of(new Mark(".", Position.END)), end.marks());
        PunctuationMarks.Split begin = PunctuationMarks.preserve(";ab");
        assertEquals(List.of("ab"), begin.chunks());
        assertEquals(List.of(new Mark(";", Position.BEGIN)), begin.marks());
        assertEquals(";x", PunctuationMarks.restore(List.of("x"), begin.marks()));
        assertTrue(PunctuationMarks.isMark(';'));
        assertTrue(PunctuationMarks.isMark('&'));
        assertFalse(PunctuationMarks.isMark('a'));
    }

    @Test
    void pythonSpacesIncludeTheWholeEnQuadToHairSpaceRange() {
        assertTrue(PyText.isSpace('\u2000'));
        assertTrue(PyText.isSpace('\u200A'));
        assertFalse(PyText.isSpace('\u1FFF'));
        assertFalse(PyText.isSpace('\u200B'));
        assertEquals("a b", PyText.strip("\u2000\u00A0a b\u202F\u3000"));
    }
}
