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
}
