package dev.zonos4j.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * English number words with the exact strings of {@code inflect.number_to_words} (inflect 7.5), which upstream's
 * normaliser calls: "one hundred twenty-three million, four hundred fifty-six thousand, seven hundred eighty-nine"
 * (commas between thousands groups, except before a last group of one word), and "and" after "hundred" unless
 * {@code andword} is empty. The words are built the way inflect builds them (pieces with stray spaces and ", "
 * joins, then the same whitespace and comma clean-up), so the odd corners come out the same.
 */
final class EnglishNumberWords {
    private static final String[] UNIT = {"", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
    private static final String[] TEEN = {"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
        "seventeen", "eighteen", "nineteen"};
    private static final String[] TEN = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
    private static final String[] MILL = {" ", " thousand", " million", " billion", " trillion", " quadrillion",
        " quintillion", " sextillion", " septillion", " octillion", " nonillion", " decillion"};
    /** inflect has names up to decillion; beyond that it raises, and we read the digits one by one instead. */
    static final int MAX_DIGITS = 3 * MILL.length;

    private static final Pattern SPACES_BEFORE_COMMA = Pattern.compile("\\s+,");
    private static final Pattern LAST_ONE_WORD_GROUP = Pattern.compile(", (\\S+)\\s+\\z");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final String[][] ORDINAL_ENDINGS = {{"ty", "tieth"}, {"one", "first"}, {"two", "second"},
        {"three", "third"}, {"five", "fifth"}, {"eight", "eighth"}, {"nine", "ninth"}, {"twelve", "twelfth"}};

    private EnglishNumberWords() {
    }

    /** {@code number_to_words(digits, andword=andword)} for a string of ASCII digits (leading zeros allowed). */
    static String cardinal(String digits, String andword) {
        String significant = stripLeadingZeros(digits);
        if (significant.length() > MAX_DIGITS) {
            return digitByDigit(significant);
        }
        String raw;
        if (significant.isEmpty()) {
            raw = "zero";
        } else if (significant.equals("1")) {
            raw = "one";
        } else {
            raw = groupWords(significant, andword);
        }
        if (raw.endsWith(", ")) {
            raw = raw.substring(0, raw.length() - 2);
        }
        raw = SPACES_BEFORE_COMMA.matcher(raw).replaceAll(",");
        // inflect turns ", word " at the very end into " <andword> word", which with andword "" drops that comma
        raw = LAST_ONE_WORD_GROUP.matcher(raw).replaceFirst(Matcher.quoteReplacement(" " + andword + " ") + "$1");
        return SPACES.matcher(raw).replaceAll(" ").strip();
    }

    /** {@code number_to_words("<digits>th")}: the cardinal with inflect's default andword "and", made ordinal. */
    static String ordinal(String digits) {
        String words = cardinal(digits, "and");
        for (String[] e : ORDINAL_ENDINGS) {
            if (words.endsWith(e[0])) {
                return words.substring(0, words.length() - e[0].length()) + e[1];
            }
        }
        return words + "th";
    }

    /**
     * A four-digit year read in pairs: {@code number_to_words(n, andword="", zero="oh", group=2)} with ", " replaced
     * by " " as upstream does ("nineteen ninety-nine", "ten oh one", "twenty ten").
     */
    static String yearPairs(int year) {
        if (year < 1000 || year > 9999) {
            throw new IllegalArgumentException("not a four-digit year: " + year);
        }
        String d = Integer.toString(year);
        String raw = pairWords(d.charAt(0) - '0', d.charAt(1) - '0') + pairWords(d.charAt(2) - '0', d.charAt(3) - '0');
        raw = raw.substring(0, raw.length() - 2);
        raw = SPACES_BEFORE_COMMA.matcher(raw).replaceAll(",");
        raw = SPACES.matcher(raw).replaceAll(" ").strip();
        return raw.replace(", ", " ");
    }

    private static String pairWords(int tens, int units) {
        if (tens != 0) {
            return tens(tens, units, 0) + ", ";
        }
        return units != 0 ? " oh " + UNIT[units] + ", " : " oh oh, ";
    }

    /** inflect's right-to-left three-digit groups, each "words + scale + , ", in reading order. */
    private static String groupWords(String s, String andword) {
        int n = s.length();
        int fullGroups = n / 3;
        int lead = n % 3;
        StringBuilder sb = new StringBuilder();
        if (lead == 2) {
            sb.append(tens(s.charAt(0) - '0', s.charAt(1) - '0', fullGroups)).append(", ");
        } else if (lead == 1) {
            sb.append(UNIT[s.charAt(0) - '0']).append(MILL[fullGroups]).append(", ");
        }
        for (int g = 0; g < fullGroups; g++) {
            int at = lead + 3 * g;
            sb.append(hundreds(s.charAt(at) - '0', s.charAt(at + 1) - '0', s.charAt(at + 2) - '0',
                    fullGroups - 1 - g, andword));
        }
        return sb.toString();
    }

    private static String tens(int tens, int units, int mill) {
        if (tens != 1) {
            return TEN[tens] + (tens != 0 && units != 0 ? "-" : "") + UNIT[units] + MILL[mill];
        }
        return TEEN[units] + MILL[mill];
    }

    private static String hundreds(int hundreds, int tens, int units, int mill, String andword) {
        if (hundreds != 0) {
            String and = tens != 0 || units != 0 ? " " + andword + " " : "";
            return UNIT[hundreds] + " hundred" + and + tens(tens, units, 0) + MILL[mill] + ", ";
        }
        if (tens != 0 || units != 0) {
            return tens(tens, units, 0) + MILL[mill] + ", ";
        }
        return "";
    }

    private static String stripLeadingZeros(String digits) {
        int i = 0;
        while (i < digits.length() && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

    private static String digitByDigit(String digits) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(i) - '0';
            sb.append(i == 0 ? "" : " ").append(d == 0 ? "zero" : UNIT[d]);
        }
        return sb.toString();
    }
}
