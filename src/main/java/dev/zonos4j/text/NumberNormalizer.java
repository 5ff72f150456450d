package dev.zonos4j.text;

import java.math.BigInteger;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Upstream's {@code normalize_numbers}, which Zonos applies to every language but Japanese: English number words
 * for digits, in this order: commas inside digit groups removed; {@code £N} to "N pounds"; {@code $} amounts to
 * dollars and cents; {@code a.b} to "a point b"; ordinals; then every remaining integer, with 1001..2999 read as
 * years. The patterns are upstream's, which match ASCII digits only.
 */
final class NumberNormalizer {
    private static final Pattern COMMA_NUMBER = Pattern.compile("([0-9][0-9,]+[0-9])");
    private static final Pattern POUNDS = Pattern.compile("£([0-9,]*[0-9]+)");
    private static final Pattern DOLLARS = Pattern.compile("\\$([0-9.,]*[0-9]+)");
    private static final Pattern DECIMAL = Pattern.compile("([0-9]+\\.[0-9]+)");
    private static final Pattern ORDINAL = Pattern.compile("[0-9]+(st|nd|rd|th)");
    private static final Pattern NUMBER = Pattern.compile("[0-9]+");

    private NumberNormalizer() {
    }

    static String normalize(String text) {
        text = replace(COMMA_NUMBER, text, m -> m.group(1).replace(",", ""));
        text = replace(POUNDS, text, m -> m.group(1) + " pounds");
        text = replace(DOLLARS, text, m -> dollars(m.group(1)));
        text = replace(DECIMAL, text, m -> m.group(1).replace(".", " point "));
        text = replace(ORDINAL, text, m -> EnglishNumberWords.ordinal(m.group().substring(0, m.group().length() - 2)));
        return replace(NUMBER, text, m -> number(m.group()));
    }

    private static String replace(Pattern p, String text, Function<MatchResult, String> f) {
        return p.matcher(text).replaceAll(m -> Matcher.quoteReplacement(f.apply(m)));
    }

    /** "$2.50" is "2 dollars, 50 cents"; the digits become words in the last step. Cents are the digits after the
     * point as an integer, so "$4.5" is 5 cents, as upstream reads it. */
    private static String dollars(String amount) {
        String[] parts = amount.split("\\.", -1);
        if (parts.length > 2) {
            return amount + " dollars";
        }
        BigInteger dollars = parts[0].isEmpty() ? BigInteger.ZERO : integer(parts[0]);
        BigInteger cents = parts.length > 1 && !parts[1].isEmpty() ? integer(parts[1]) : BigInteger.ZERO;
        String dollarUnit = dollars.equals(BigInteger.ONE) ? "dollar" : "dollars";
        String centUnit = cents.equals(BigInteger.ONE) ? "cent" : "cents";
        boolean d = dollars.signum() != 0;
        boolean c = cents.signum() != 0;
        if (d && c) {
            return dollars + " " + dollarUnit + ", " + cents + " " + centUnit;
        } else if (d) {
            return dollars + " " + dollarUnit;
        } else if (c) {
            return cents + " " + centUnit;
        }
        return "zero dollars";
    }

    /** Upstream's {@code int()} of a part; a stray comma (as in "$,5", where upstream raises) is ignored. */
    private static BigInteger integer(String digits) {
        String clean = digits.replace(",", "");
        return clean.isEmpty() ? BigInteger.ZERO : new BigInteger(clean);
    }

    private static String number(String digits) {
        BigInteger value = new BigInteger(digits);
        if (value.compareTo(BigInteger.valueOf(1000)) > 0 && value.compareTo(BigInteger.valueOf(3000)) < 0) {
            int year = value.intValue();
            if (year == 2000) {
                return "two thousand";
            } else if (year > 2000 && year < 2010) {
                return "two thousand " + EnglishNumberWords.cardinal(Integer.toString(year % 100), "and");
            } else if (year % 100 == 0) {
                return EnglishNumberWords.cardinal(Integer.toString(year / 100), "and") + " hundred";
            }
            return EnglishNumberWords.yearPairs(year);
        }
        return EnglishNumberWords.cardinal(value.toString(), "");
    }
}
