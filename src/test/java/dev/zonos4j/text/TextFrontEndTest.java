package dev.zonos4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.util.InvalidInputException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The front end with the real libespeak-ng (the CI installs it). */
class TextFrontEndTest {
    private final TextFrontEnd fe = TextFrontEnd.shared();

    @Test
    void emptyTextIsAnError() {
        assertThrows(InvalidInputException.class, () -> fe.prepare("", Language.EN_US));
        assertThrows(InvalidInputException.class, () -> fe.segment("", Language.EN_US));
    }

    @Test
    void onlyPunctuationPhonemizesToItselfButHasNothingToSegment() {
        PreparedText p = fe.prepare("?!...", Language.EN_US);
        assertEquals("?!...", p.phonemes());
        assertEquals(7, p.tokenIds().length);
        String msg = assertThrows(InvalidInputException.class, () -> fe.segment("?! ... —", Language.EN_US)).getMessage();
        assertTrue(msg.contains("nothing to speak"), msg);
    }

    @Test
    void unknownSymbolsAreReportedOnce() {
        PreparedText p = fe.prepare("Un bon vin blanc.", Language.of("fr-fr"));
        assertTrue(p.tokens().unknownCount() >= 3, p.phonemes());
        assertEquals("\u0303", p.tokens().unknownSymbols());
        String warning = p.unknownSymbolWarning().orElseThrow();
        assertTrue(warning.startsWith(p.tokens().unknownCount() + " phoneme symbol(s)") && warning.contains("U+0303"), warning);
        assertTrue(fe.prepare("Hello.", Language.EN_US).unknownSymbolWarning().isEmpty());
    }

    @Test
    void japaneseIsRefusedClearly() {
        String msg = assertThrows(InvalidInputException.class, () -> fe.prepare("こんにちは", Language.of("ja"))).getMessage();
        assertTrue(msg.contains("Japanese") && msg.contains("sudachipy"), msg);
    }

    @Test
    void numbersAreEnglishInEveryLanguageAndLanguagesSwitchCleanly() {
        assertEquals("Ich habe three Äpfel.", TextFrontEnd.clean("Ich habe 3 Äpfel.", Language.of("de")));
        String en = fe.prepare("Good morning.", Language.EN_US).phonemes();
        String de = fe.prepare("Guten Morgen.", Language.of("de")).phonemes();
        assertEquals(en, TextFrontEnd.newInstance().prepare("Good morning.", Language.EN_US).phonemes());
        assertEquals(de, TextFrontEnd.newInstance().prepare("Guten Morgen.", Language.of("de")).phonemes());
        assertEquals("gmw/en-US", fe.espeakVoice(Language.EN_US));
    }

    @Test
    void repeatedTextsComeFromTheCache() {
        PreparedText a = fe.prepare("The same sentence, twice.", Language.EN_US);
        assertSame(a, fe.prepare("The same sentence, twice.", Language.EN_US));
    }

    @Test
    void concurrentCallersGetTheSameAnswersAsOneCaller() throws Exception {
        List<String> texts = IntStream.range(0, 40).mapToObj(i -> "Sentence number " + i + " reads fine, " + (i * 37) + " times.").toList();
        TextFrontEnd serial = TextFrontEnd.newInstance();
        List<String> expected = texts.stream().map(t -> serial.prepare(t, Language.of("en-gb")).phonemes()).toList();
        TextFrontEnd shared = TextFrontEnd.newInstance();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> got = texts.stream()
                    .map(t -> pool.submit(() -> shared.prepare(t, Language.of("en-gb")).phonemes())).toList();
            for (int i = 0; i < texts.size(); i++) {
                assertEquals(expected.get(i), got.get(i).get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void segmentsCarryExactPhonemeCountsAndSpans() {
        String text = "Dr. Smith arrived at 10 a.m. on May 3rd, 2021. He was late.\n\n"
                + "The river ran on and on; nobody knew where it started, nobody knew where it ended, and the people "
                + "of the valley, who had lived beside it for generations, had long since stopped asking about it.";
        List<Segment> segs = fe.segment(text, Language.EN_US, 90);
        assertTrue(segs.size() >= 3, segs.toString());
        assertEquals("Dr. Smith arrived at 10 a.m. on May 3rd, 2021.", segs.getFirst().text());
        for (Segment s : segs) {
            assertEquals(fe.prepare(s.text(), Language.EN_US).phonemeCount(), s.phonemeCount());
            assertTrue(s.phonemeCount() <= 90, s.toString());
            assertEquals(TextCleanup.apply(text.substring(s.start(), s.end())), s.text());
        }
        assertTrue(segs.stream().filter(Segment::paragraphEnd).count() == 2, segs.toString());
        assertThrows(InvalidInputException.class, () -> fe.segment(text, Language.EN_US, 5));
    }

    @Test
    void theSegmentBudgetHasLimitsAndJapaneseIsRefusedThereToo() {
        String text = "One sentence. Another one.";
        assertThrows(InvalidInputException.class, () -> fe.segment(text, Language.EN_US, TextFrontEnd.MIN_BUDGET - 1));
        assertEquals(1, fe.segment(text, Language.EN_US, TextFrontEnd.MIN_BUDGET + 14).size());
        assertEquals(1, fe.segment(text, Language.EN_US, TextFrontEnd.MAX_BUDGET).size());
        String msg = assertThrows(InvalidInputException.class,
                () -> fe.segment(text, Language.EN_US, TextFrontEnd.MAX_BUDGET + 1)).getMessage();
        assertEquals("segment budget 1001 is out of range; use 16..1000 phonemes (default 270)", msg);
        assertTrue(fe.segment(text, Language.EN_US, TextFrontEnd.MIN_BUDGET).size() >= 2);
        String ja = assertThrows(InvalidInputException.class, () -> fe.segment("こんにちは。", Language.of("ja"))).getMessage();
        assertTrue(ja.contains("Japanese"), ja);
    }
}
