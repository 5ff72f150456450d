package dev.zonos4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {
    private static List<String> sentences(String text) {
        return SentenceSplitter.split(text).stream().map(s -> text.substring(s.start(), s.end())).toList();
    }

    @Test
    void abbreviationsInitialsAndDecimalsDoNotEndSentences() {
        assertEquals(List.of("Mr. Smith met Dr. Jones at 10 a.m. today.", "It went well."),
                sentences("Mr. Smith met Dr. Jones at 10 a.m. today. It went well."));
        assertEquals(List.of("Fruit, e.g. Apples, i.e. food.", "Pi is 3.14159."),
                sentences("Fruit, e.g. Apples, i.e. food. Pi is 3.14159."));
        assertEquals(List.of("J. R. R. Tolkien wrote it.", "See No. 5 and p. 12."),
                sentences("J. R. R. Tolkien wrote it. See No. 5 and p. 12."));
        assertEquals(List.of("Is it true?", "No.", "It is not."), sentences("Is it true? No. It is not."));
        assertEquals(List.of("Visit example.com today."), sentences("Visit example.com today."));
    }

    @Test
    void ellipsesEndASentenceOnlyBeforeACapital() {
        assertEquals(List.of("Hmm... let me think."), sentences("Hmm... let me think."));
        assertEquals(List.of("Hmm… let me think."), sentences("Hmm… let me think."));
        assertEquals(List.of("Wait...", "Then it came."), sentences("Wait... Then it came."));
    }

    @Test
    void quotesStayWithTheirSentence() {
        assertEquals(List.of("\"Why?\" she asked.", "“Because.”", "(Really.)", "Fine."),
                sentences("\"Why?\" she asked. “Because.” (Really.) Fine."));
        assertEquals(List.of("He said: 'I'm fine.'", "Then he left."), sentences("He said: 'I'm fine.' Then he left."));
    }

    @Test
    void otherLanguagesPunctuation() {
        assertEquals(List.of("¡Hola!", "¿Qué tal?", "Bien."), sentences("¡Hola! ¿Qué tal? Bien."));
        assertEquals(List.of("你好。", "我很好！", "谢谢。"), sentences("你好。我很好！谢谢。"));
        assertEquals(List.of("« Bonjour », dit-il… puis il partit."), sentences("« Bonjour », dit-il… puis il partit."));
        assertEquals(List.of("मैं ठीक हूँ।", "धन्यवाद।"), sentences("मैं ठीक हूँ। धन्यवाद।"));
    }

    @Test
    void paragraphBreaksBelongToTheSentenceBeforeThem() {
        String text = "Title\n\nOne. Two\nstill two.\r\n\r\nThree!  \n \n";
        List<Sentence> s = SentenceSplitter.split(text);
        assertEquals(List.of("Title", "One.", "Two\nstill two.", "Three!"),
                s.stream().map(x -> text.substring(x.start(), x.end())).toList());
        assertEquals(List.of(true, false, true, true), s.stream().map(Sentence::paragraphEnd).toList());
    }

    @Test
    void noTextNoSentences() {
        assertEquals(List.of(), SentenceSplitter.split(" \n\n "));
        assertEquals(List.of("..."), sentences("..."));
    }

    @Test
    void everyKindOfLineBreakCountsTowardAParagraph() {
        for (String twoBreaks : new String[] {"\n\n", "\r\r", "\u2028\u2028", "\u0085\u0085", "\u000B\u000B", "\f\f",
            "\r\n \r\n", "\u2029"}) {
            List<Sentence> s = SentenceSplitter.split("One." + twoBreaks + "Two.");
            assertEquals(List.of(true, true), s.stream().map(Sentence::paragraphEnd).toList(), "breaks " + twoBreaks.chars().boxed().toList());
        }
        for (String oneBreak : new String[] {"\n", "\r", "\r\n", "\u2028", "\f"}) {
            List<Sentence> s = SentenceSplitter.split("One." + oneBreak + "Two.");
            assertEquals(List.of(false, true), s.stream().map(Sentence::paragraphEnd).toList(), "break " + oneBreak.chars().boxed().toList());
        }
    }

    @Test
    void wordsBeforeAFullStopDecideWhetherItEnds() {
        // "No." is an abbreviation only before a number; a single digit is not an initial.
        assertEquals(List.of("He said No.", "Then he left."), sentences("He said No. Then he left."));
        assertEquals(List.of("See vol. 2 now."), sentences("See vol. 2 now."));
        assertEquals(List.of("Chapter 5.", "Then more."), sentences("Chapter 5. Then more."));
        // Opening brackets are not part of the word: "(Dr." is still the title.
        assertEquals(List.of("(Dr. Smith) came.", "Good."), sentences("(Dr. Smith) came. Good."));
        assertEquals(List.of("It ended.", "\"Next one.\""), sentences("It ended. \"Next one.\""));
    }

    @Test
    void terminatorsAtTheEndOrBeforeOnlyOpenersEndTheSentence() {
        assertEquals(List.of("Done.", "("), sentences("Done. ("));
        assertEquals(List.of("Really?!", "Yes."), sentences("Really?! Yes."));
        assertEquals(List.of("Why? because."), sentences("Why? because."));
        // Two full stops are an ellipsis: it ends a sentence only before a capitalised word, not before a number.
        assertEquals(List.of("Wait.. 5 more."), sentences("Wait.. 5 more."));
        assertEquals(List.of("Wait..", "Then go."), sentences("Wait.. Then go."));
    }

    @Test
    void strongTerminatorsEndEvenAfterAnAbbreviationOrInitial() {
        assertEquals(List.of("Call the Dr!", "Come here."), sentences("Call the Dr! Come here."));
        assertEquals(List.of("Is it A?", "Maybe."), sentences("Is it A? Maybe."));
        // An ellipsis character before a number does not end the sentence; a full stop in brackets does.
        assertEquals(List.of("Wait… 5 more."), sentences("Wait… 5 more."));
        assertEquals(List.of("It was (fine.)", "5 more."), sentences("It was (fine.) 5 more."));
    }
}
