package dev.zonos4j.text;

/**
 * Python's notion of whitespace, which upstream's regexes ({@code \s}) and {@code str.strip()} use. It differs
 * from Java's: Python counts U+001C..U+001F, NBSP, U+2007 and U+202F as whitespace, {@link Character#isWhitespace}
 * does not count the last three, and {@code \s} in a Java regex is ASCII only.
 */
final class PyText {
    private PyText() {
    }

    /** True for the characters Python's {@code str.isspace()} and {@code re} {@code \s} accept. */
    static boolean isSpace(char c) {
        return switch (c) {
            case '\t', '\n', '\u000B', '\f', '\r', '\u001C', '\u001D', '\u001E', '\u001F', ' ', '\u0085', '\u00A0',
                 '\u1680', '\u2028', '\u2029', '\u202F', '\u205F', '\u3000' -> true;
            default -> c >= '\u2000' && c <= '\u200A';
        };
    }

    /** Python's {@code s.strip()}. */
    static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }
}
