package dev.zonos4j.text;

import java.text.Normalizer;

/**
 * Clean-up for pasted text on the long-form path ({@link TextFrontEnd#segment}); {@link TextFrontEnd#prepare}
 * does not apply it, because upstream does not. It makes the same words give the same phonemes however they were
 * typed, and keeps the marks the model knows:
 * <ul>
 * <li>Unicode NFC (a letter and its combining accent become one character);</li>
 * <li>every kind of space, tab and line break becomes one space; runs collapse; ends are trimmed;</li>
 * <li>zero-width spaces, word joiners, byte-order marks, soft hyphens and control characters are removed;</li>
 * <li>curly and low single quotes and primes become {@code '} (as in "don’t"); the low and reversed double quotes
 *     „ ‟ become “ and the double prime ″ becomes {@code "} (eSpeak would drop them silently);</li>
 * <li>hyphen and minus look-alikes (U+2010..U+2012, U+2212) become '-'; an en dash between spaces, a horizontal
 *     bar and a run of two or more hyphens become the em dash '—' (a mark the model knows as a pause); any other
 *     en dash becomes '-'.</li>
 * </ul>
 * The ellipsis character '…', guillemets and curly double quotes stay: they are symbols of the model.
 */
public final class TextCleanup {
    private TextCleanup() {
    }

    public static String apply(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(s.length());
        boolean pendingSpace = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (PyText.isSpace(c) || Character.isWhitespace(c)) {
                pendingSpace = true;
                continue;
            }
            String r;
            if (c == '-' && i + 1 < s.length() && s.charAt(i + 1) == '-') {
                while (i + 1 < s.length() && s.charAt(i + 1) == '-') {
                    i++;
                }
                r = "—";
            } else {
                r = replacement(s, i, c);
            }
            if (r.isEmpty()) {
                continue;
            }
            if (pendingSpace && !out.isEmpty()) {
                out.append(' ');
            }
            pendingSpace = false;
            out.append(r);
        }
        return out.toString();
    }

    private static String replacement(String s, int i, char c) {
        return switch (c) {
            case '\u200B', '\u2060', '\uFEFF', '\u00AD' -> "";
            case '‘', '’', '‚', '‛', '′' -> "'";
            case '„', '‟' -> "“";
            case '″' -> "\"";
            case '\u2010', '\u2011', '\u2012', '\u2212' -> "-";
            case '\u2015' -> "—";
            case '\u2013' -> spaced(s, i) ? "—" : "-";
            default -> Character.isISOControl(c) ? "" : String.valueOf(c);
        };
    }

    private static boolean spaced(String s, int i) {
        return i > 0 && i + 1 < s.length() && PyText.isSpace(s.charAt(i - 1)) && PyText.isSpace(s.charAt(i + 1));
    }
}
