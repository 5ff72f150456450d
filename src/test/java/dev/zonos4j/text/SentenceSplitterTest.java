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
}
