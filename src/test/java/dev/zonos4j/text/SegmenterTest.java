package dev.zonos4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.util.InvalidInputException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Packing rules with a stand-in phoneme count (one phoneme per char), so no eSpeak is needed. */
class SegmenterTest {
    private static final Segmenter BY_LENGTH = new Segmenter(s -> s.codePointCount(0, s.length()));

    private static List<String> texts(List<Segment> segments) {
        return segments.stream().map(Segment::text).toList();
    }

    @Test
    void shortTextIsOneSegmentSpanningIt() {
        String text = "  Hello there. How are you?  ";
        List<Segment> s = BY_LENGTH.segment(text, 100);
        assertEquals(1, s.size());
        assertEquals(new Segment(0, "Hello there. How are you?", 2, 27, 25, true), s.getFirst());
    }

    @Test
    void sentencesArePackedEvenlyWithinTheBudget() {
        String text = "Aaaa aaaa aa. Bbbb bbbb bb. Cccc cccc cc. Dddd dddd dd. Eeee eeee ee.";
        List<Segment> s = BY_LENGTH.segment(text, 30);
        assertEquals(List.of("Aaaa aaaa aa. Bbbb bbbb bb.", "Cccc cccc cc. Dddd dddd dd.", "Eeee eeee ee."), texts(s));
        s = BY_LENGTH.segment(text, 45);
        assertEquals(List.of("Aaaa aaaa aa. Bbbb bbbb bb. Cccc cccc cc.", "Dddd dddd dd. Eeee eeee ee."), texts(s));
    }

    @Test
    void paragraphsAreNeverJoined() {
        String text = "One.\n\nTwo. Three.\n\n\nFour";
        List<Segment> s = BY_LENGTH.segment(text, 100);
        assertEquals(List.of("One.", "Two. Three.", "Four"), texts(s));
        assertTrue(s.stream().allMatch(Segment::paragraphEnd));
    }

    @Test
    void aLongSentenceIsCutAtItsStrongestClauseBoundary() {
        String text = "first part goes here, then more words; second part is there, and the end comes.";
        List<Segment> s = BY_LENGTH.segment(text, 50);
        assertEquals(List.of("first part goes here, then more words;", "second part is there, and the end comes."), texts(s));
        assertFalse(s.getFirst().paragraphEnd());
        assertTrue(s.getLast().paragraphEnd());
    }

    @Test
    void withoutPunctuationItFallsBackToWordsAndNeverCutsOne() {
        String text = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu";
        List<Segment> s = BY_LENGTH.segment(text, 20);
        for (Segment seg : s) {
            assertTrue(seg.phonemeCount() <= 20, seg.toString());
            assertEquals(text.substring(seg.start(), seg.end()), seg.text());
        }
        assertEquals(text, String.join(" ", texts(s)));
        List<Segment> giant = BY_LENGTH.segment("a " + "x".repeat(40) + " b", 20);
        assertEquals(List.of("a", "x".repeat(40), "b"), texts(giant));
    }

    @Test
    void punctuationOnlySentencesAreLeftOutAndTheirParagraphEndKept() {
        String text = "Before.\n\n* * *\n\nAfter.";
        List<Segment> s = BY_LENGTH.segment(text, 100);
        assertEquals(List.of("Before.", "After."), texts(s));
        assertTrue(s.getFirst().paragraphEnd());
        assertThrows(InvalidInputException.class, () -> BY_LENGTH.segment("... !!! —", 100));
        assertThrows(InvalidInputException.class, () -> BY_LENGTH.segment(" \n ", 100));
    }

    @Test
    void segmentTextIsTheCleanedSpan() {
        String text = "It’s\u00A0fine — isn’t it?";
        Segment s = BY_LENGTH.segment(text, 100).getFirst();
        assertEquals("It's fine — isn't it?", s.text());
        assertEquals(0, s.start());
        assertEquals(text.length(), s.end());
    }

    @Test
    void randomTextsKeepTheInvariants() {
        SplittableRandom rnd = new SplittableRandom(42);
        String[] words = {"alpha", "be", "c", "delta,", "e.g.", "Dr.", "3.14", "end.", "why?", "wow!", "x;", "—", "\n\n", "“q”", "...",
            "ok"};
        for (int round = 0; round < 200; round++) {
            StringBuilder sb = new StringBuilder();
            for (int w = rnd.nextInt(1, 120); w > 0; w--) {
                sb.append(words[rnd.nextInt(words.length)]).append(rnd.nextInt(5) == 0 ? "\n" : " ");
            }
            String text = sb.toString();
            if (!Segmenter.speakable(text, 0, text.length())) {
                continue;
            }
            int budget = rnd.nextInt(10, 80);
            List<Segment> segs = BY_LENGTH.segment(text, budget);
            int prevEnd = 0;
            for (int i = 0; i < segs.size(); i++) {
                Segment s = segs.get(i);
                assertEquals(i, s.index());
                assertTrue(s.start() >= prevEnd, "spans overlap or go back: " + segs);
                // Nothing speakable is left out between segments: the gaps hold only spaces and punctuation.
                assertFalse(Segmenter.speakable(text, prevEnd, s.start()),
                        "text left out: [" + prevEnd + "," + s.start() + ") of " + text);
                assertFalse(s.text().isBlank());
                assertEquals(TextCleanup.apply(text.substring(s.start(), s.end())), s.text());
                boolean wordEdges = (s.start() == 0 || PyText.isSpace(text.charAt(s.start() - 1)))
                        && (s.end() == text.length() || PyText.isSpace(text.charAt(s.end())));
                assertTrue(wordEdges, "segment cuts a word: [" + s.start() + "," + s.end() + ") of " + text);
                long spokenWords = java.util.Arrays.stream(s.text().split(" "))
                        .filter(w -> Segmenter.speakable(w, 0, w.length())).count();
                assertTrue(s.phonemeCount() <= budget || spokenWords == 1, "over budget " + budget + ": " + s);
                prevEnd = s.end();
            }
            assertFalse(Segmenter.speakable(text, prevEnd, text.length()), "text left out at the end: " + text);
        }
    }

    @Test
    void everySentenceOfAProseTextIsSpokenOnce() {
        String text = "First one here. Second, with a clause; and more! Third?\n\nA new paragraph. Its second sentence. "
                + "A third, long enough to be cut somewhere in its middle part, with words and words and words.";
        for (int budget : new int[] {12, 30, 60, 1000}) {
            List<Segment> segs = BY_LENGTH.segment(text, budget);
            StringBuilder spoken = new StringBuilder();
            int prevEnd = 0;
            for (Segment s : segs) {
                assertTrue(text.substring(prevEnd, s.start()).isBlank(), "gap [" + prevEnd + "," + s.start() + ") at budget " + budget);
                spoken.append(text, prevEnd, s.end());
                prevEnd = s.end();
            }
            assertEquals(text, spoken.toString(), "budget " + budget);
        }
    }

    @Test
    void theBudgetMustBePositiveAndOneStillCutsAtEveryWord() {
        assertThrows(IllegalArgumentException.class, () -> BY_LENGTH.segment("Hi there.", 0));
        assertEquals(List.of("Hi", "there."), texts(BY_LENGTH.segment("Hi there.", 1)));
        String blank = assertThrows(InvalidInputException.class, () -> BY_LENGTH.segment(" \n ", 100)).getMessage();
        assertEquals("the text is empty; there is nothing to speak", blank);
        String marks = assertThrows(InvalidInputException.class, () -> BY_LENGTH.segment("... !!!", 100)).getMessage();
        assertTrue(marks.startsWith("the text has nothing to speak"), marks);
    }

    @Test
    void leadingPunctuationOnlySentencesJoinTheFirstSpokenOne() {
        List<Segment> s = BY_LENGTH.segment("... !!! Hello.", 100);
        assertEquals(List.of(new Segment(0, "... !!! Hello.", 0, 14, 14, true)), s);
        s = BY_LENGTH.segment("!!! ??? Hello.", 100);
        assertEquals(List.of(new Segment(0, "!!! ??? Hello.", 0, 14, 14, true)), s);
        s = BY_LENGTH.segment("Hello. !!! World.", 10);
        assertEquals(List.of("Hello. !!!", "World."), texts(s));
    }

    @Test
    void sentencesThatFillTheBudgetExactlyStayTogether() {
        assertEquals(List.of("Aaa. Bbb."), texts(BY_LENGTH.segment("Aaa. Bbb.", 9)));
        assertEquals(List.of("Aaa.", "Bbb."), texts(BY_LENGTH.segment("Aaa. Bbb.", 8)));
        // The cut after the second sentence fills the budget exactly (25) and is the nearer to an even share.
        String text = "Aaaaaaaaa. Bbbbbbbbbbbbb. Ccccccccc.";
        assertEquals(List.of("Aaaaaaaaa. Bbbbbbbbbbbbb.", "Ccccccccc."), texts(BY_LENGTH.segment(text, 25)));
    }

    @Test
    void anEvenShareCanPreferTheEarlierCut() {
        // 20 + 10 + 10 symbols: halves of 21 favour cutting after the first sentence, though the second fits too.
        String text = "Aaaaaaaaaaaaaaaaaaa. Bbbbbbbbb. Ccccccccc.";
        assertEquals(List.of("Aaaaaaaaaaaaaaaaaaa.", "Bbbbbbbbb. Ccccccccc."), texts(BY_LENGTH.segment(text, 35)));
        // Four sentences of 10 in a budget of 25: two and two.
        String four = "Aaaaaaaaa. Bbbbbbbbb. Ccccccccc. Ddddddddd.";
        assertEquals(List.of("Aaaaaaaaa. Bbbbbbbbb.", "Ccccccccc. Ddddddddd."), texts(BY_LENGTH.segment(four, 25)));
    }

    @Test
    void aSegmentWhoseExactCountExceedsTheBudgetGivesUpItsLastPiece() {
        // A counter that is not additive: three or more words cost 10 extra symbols, as eSpeak may read joined words.
        Segmenter lumpy = new Segmenter(s -> s.length() + (s.split(" ").length >= 3 ? 10 : 0));
        List<Segment> s = lumpy.segment("Aa. Bb. Cc.", 12);
        assertEquals(List.of("Aa. Bb.", "Cc."), texts(s));
        assertEquals(List.of(7, 3), s.stream().map(Segment::phonemeCount).toList());
    }

    @Test
    void clauseMarksCutALongSentence() {
        assertEquals(List.of("aaaa bbbb;", "cccc dddd—", "eeee ffff,", "gggg hhhh"),
                texts(BY_LENGTH.segment("aaaa bbbb; cccc dddd—eeee ffff, gggg hhhh", 10)));
        // A closing quote after the mark stays with its clause; a comma inside a number is no boundary.
        assertEquals(List.of("he said \"stop;\"", "then he went on"),
                texts(BY_LENGTH.segment("he said \"stop;\" then he went on", 16)));
        assertEquals(List.of("pay 1,000 now,", "or pay later"), texts(BY_LENGTH.segment("pay 1,000 now, or pay later", 14)));
        // A hyphen between spaces is a dash, so a clause boundary; the even share alone would cut after "bbbb".
        assertEquals(List.of("aaaa -", "bbbb cccc dddd eeee"), texts(BY_LENGTH.segment("aaaa - bbbb cccc dddd eeee", 20)));
        assertEquals(List.of("aaaa-bbbb cccc", "dddd eeee"), texts(BY_LENGTH.segment("aaaa-bbbb cccc dddd eeee", 20)));
    }

    @Test
    void symbolsAndLettersOutsideTheBasicPlaneAreSpeakable() {
        assertTrue(Segmenter.speakable("€", 0, 1));
        assertTrue(Segmenter.speakable("©", 0, 1));
        assertTrue(Segmenter.speakable("7", 0, 1));
        String math = "-\uD835\uDD38";
        assertTrue(Segmenter.speakable(math, 0, math.length()));
        assertFalse(Segmenter.speakable("- ... «»", 0, 8));
    }

    @Test
    void segmentsAndSentencesRejectEmptySpans() {
        assertEquals(0, new Segment(0, "a", 0, 1, 0, true).start());
        assertThrows(IllegalArgumentException.class, () -> new Segment(-1, "a", 0, 1, 1, true));
        assertThrows(IllegalArgumentException.class, () -> new Segment(0, "a", -1, 1, 1, true));
        assertThrows(IllegalArgumentException.class, () -> new Segment(0, "a", 1, 1, 1, true));
        assertThrows(IllegalArgumentException.class, () -> new Segment(0, " ", 0, 1, 1, true));
        assertThrows(IllegalArgumentException.class, () -> new Segment(0, "a", 0, 1, -1, true));
        assertEquals(1, new Sentence(0, 1, false).end());
        assertThrows(IllegalArgumentException.class, () -> new Sentence(1, 1, false));
        assertThrows(IllegalArgumentException.class, () -> new Sentence(-1, 1, false));
    }
}
