package dev.zonos4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Expected strings are upstream's normalize_numbers output (inflect 7.5), checked against it when written. */
class NumberNormalizerTest {
    private static void check(String in, String expected) {
        assertEquals(expected, NumberNormalizer.normalize(in), "normalize(\"" + in + "\")");
    }

    @Test
    void inflectCommasAndTheEmptyAndword() {
        check("1234567", "one million, two hundred thirty-four thousand, five hundred sixty-seven");
        check("1000001", "one million one");
        check("1001000", "one million, one thousand");
        check("1000100", "one million, one hundred");
        check("3001", "three thousand one");
        check("10010", "ten thousand ten");
        check("21000", "twenty-one thousand");
        check("100", "one hundred");
        check("0", "zero");
        check("007", "seven");
    }

    @Test
    void yearsAreReadInPairs() {
        check("1999", "nineteen ninety-nine");
        check("1001", "ten oh one");
        check("1905", "nineteen oh five");
        check("2000", "two thousand");
        check("2005", "two thousand five");
        check("2010", "twenty ten");
        check("1900", "nineteen hundred");
        check("2100", "twenty-one hundred");
        check("1000", "one thousand");
        check("3000", "three thousand");
        check("1990s", "nineteen ninetys");
    }

    @Test
    void ordinalsKeepInflectsAnd() {
        check("1st 2nd 3rd 4th 11th 12th 20th", "first second third fourth eleventh twelfth twentieth");
        check("101st", "one hundred and first");
        check("1001st", "one thousand and first");
        check("0th", "zeroth");
        check("3th", "third");
    }

    @Test
    void moneyDecimalsAndOddShapes() {
        check("$4.5 million", "four dollars, five cents million");
        check("$3.5.7", "three point five.seven dollars");
        check("$0", "zero dollars");
        check("$.01", "one cent");
        check("£12.50", "twelve pounds.fifty");
        check("£1,250", "twelve fifty pounds");
        check("3.0", "three point zero");
        check("2,50 Euro", "two hundred fifty Euro");
        check("-5", "-five");
        check("9:30", "nine:thirty");
    }

    @Test
    void hugeNumbersAreReadDigitByDigitWhereInflectGivesUp() {
        String digits = "1" + "0".repeat(36);
        assertEquals("one" + " zero".repeat(36), NumberNormalizer.normalize(digits));
        String scales = "decillion nonillion octillion septillion sextillion quintillion quadrillion trillion billion "
                + "million thousand";
        StringBuilder expected = new StringBuilder();
        for (String scale : scales.split(" ")) {
            expected.append("nine hundred ninety-nine ").append(scale).append(", ");
        }
        expected.append("nine hundred ninety-nine");
        check("9".repeat(36), expected.toString());
    }

    @Test
    void onlyAsciiDigitsAreNumbers() {
        check("٣ and ３", "٣ and ３");
    }

    @Test
    void singularDollarsAndCentsAndBareAmounts() {
        check("$1", "one dollar");
        check("$1.01", "one dollar, one cent");
        check("$0.50", "fifty cents");
        check("$5.", "five dollars.");
        assertEquals("nineteen ninety-nine", EnglishNumberWords.yearPairs(1999));
        assertEquals("ninety-nine ninety-nine", EnglishNumberWords.yearPairs(9999));
        assertThrows(IllegalArgumentException.class, () -> EnglishNumberWords.yearPairs(999));
        assertThrows(IllegalArgumentException.class, () -> EnglishNumberWords.yearPairs(10000));
    }
}
