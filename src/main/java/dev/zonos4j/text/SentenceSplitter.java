package dev.zonos4j.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a text into sentences with their spans in the text. A sentence ends at a terminator (. ! ? … and the
 * full stops and question marks of other scripts) plus any closing quotes or brackets, when the next word does not
 * continue it: a lower-case word continues ("e.g. apples", "\"Why?\" she asked"), a full stop needs whitespace
 * after it ("3.14", "example.com"), abbreviations and initials do not end a sentence ("Dr. Jones", "J. R. R."),
 * and an ellipsis ends one only before a capitalised word. CJK full stops need no space. A blank line (or U+2029)
 * ends a paragraph: the sentence before it, or the unpunctuated text before it, gets {@code paragraphEnd}, and so
 * does the last sentence of the text.
 */
final class SentenceSplitter {
    private static final String TERMINATORS = ".!?…‽⁇⁈⁉。！？｡؟۔।॥።፧။។៕";
    private static final String NO_SPACE_NEEDED = "。！？｡";
    private static final String CLOSERS = "\"'”’»›)]}」』）】〉》";
    private static final String OPENERS = "\"'“‘«‹([{¿¡„‚「『（【〈《";
    /** Words that a full stop abbreviates rather than ends: titles before names, and "e.g."-like phrases. */
    private static final Set<String> NEVER_END = Set.of("mr", "mrs", "ms", "mx", "dr", "prof", "st", "mt", "ft",
            "rev", "gen", "col", "capt", "lt", "sgt", "hon", "sen", "gov", "pres", "messrs", "mme", "mlle", "hr", "fr",
            "sr", "sra", "srta", "e.g", "i.e", "vs", "cf", "viz", "approx", "ca", "z.b", "d.h", "bzw", "vgl", "u.a",
            "p.ej");
    /** Abbreviations that only stand before a number ("No. 5", "p. 12"). */
    private static final Set<String> BEFORE_NUMBER = Set.of("no", "nos", "nr", "núm", "vol", "vols", "fig", "figs",
            "p", "pp", "art", "ch", "sec", "tel");

    private SentenceSplitter() {
    }

    static List<Sentence> split(String text) {
        List<Sentence> out = new ArrayList<>();
        int n = text.length();
        int start = -1;
        int end = -1;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (PyText.isSpace(c)) {
                int j = i;
                int breaks = 0;
                boolean paragraph = false;
                for (; j < n && PyText.isSpace(text.charAt(j)); j++) {
                    char d = text.charAt(j);
                    boolean crBeforeLf = d == '\r' && j + 1 < n && text.charAt(j + 1) == '\n';
                    if (d == '\n' || d == '\u2028' || d == '\u0085' || d == '\u000B' || d == '\f' || (d == '\r' && !crBeforeLf)) {
                        breaks++;
                    }
                    paragraph |= d == '\u2029';
                }
                if (paragraph || breaks >= 2) {
                    if (start >= 0) {
                        out.add(new Sentence(start, end, true));
                        start = -1;
                    } else if (!out.isEmpty()) {
                        out.set(out.size() - 1, out.getLast().endingParagraph());
                    }
                }
                i = j;
                continue;
            }
            if (start < 0) {
                start = i;
            }
            if (TERMINATORS.indexOf(c) >= 0) {
                int k = i;
                while (k < n && (TERMINATORS.indexOf(text.charAt(k)) >= 0 || CLOSERS.indexOf(text.charAt(k)) >= 0)) {
                    k++;
                }
                end = k;
                if (endsSentence(text, start, i, k)) {
                    out.add(new Sentence(start, k, false));
                    start = -1;
                }
                i = k;
                continue;
            }
            i++;
            end = i;
        }
        if (start >= 0) {
            out.add(new Sentence(start, end, true));
        } else if (!out.isEmpty()) {
            out.set(out.size() - 1, out.getLast().endingParagraph());
        }
        return out;
    }

    /** Whether the terminators and closers at [from, to) end the sentence that began at {@code start}. */
    private static boolean endsSentence(String text, int start, int from, int to) {
        int n = text.length();
        if (to == n) {
            return true;
        }
        String run = text.substring(from, to);
        if (!PyText.isSpace(text.charAt(to))) {
            return run.chars().anyMatch(ch -> NO_SPACE_NEEDED.indexOf(ch) >= 0);
        }
        int w = to;
        while (w < n && (PyText.isSpace(text.charAt(w)) || OPENERS.indexOf(text.charAt(w)) >= 0)) {
            w++;
        }
        if (w == n) {
            return true;
        }
        int next = text.codePointAt(w);
        boolean lower = Character.isLowerCase(next);
        boolean strong = run.chars().anyMatch(ch -> TERMINATORS.indexOf(ch) >= 0 && ch != '.' && ch != '…');
        if (strong) {
            return !lower;
        }
        boolean ellipsis = run.indexOf('…') >= 0 || run.chars().filter(ch -> ch == '.').count() >= 2;
        if (ellipsis || lower) {
            return Character.isLetter(next) && !lower;
        }
        String token = wordBefore(text, start, from);
        String t = token.toLowerCase(Locale.ROOT);
        if (NEVER_END.contains(t) || (BEFORE_NUMBER.contains(t) && Character.isDigit(next))) {
            return false;
        }
        return !(token.codePointCount(0, token.length()) == 1 && Character.isLetter(token.codePointAt(0)));
    }

    /** The word just before position {@code at}, without opening quotes or brackets. */
    private static String wordBefore(String text, int start, int at) {
        int b = at;
        while (b > start && !PyText.isSpace(text.charAt(b - 1))) {
            b--;
        }
        while (b < at && OPENERS.indexOf(text.charAt(b)) >= 0) {
            b++;
        }
        return text.substring(b, at);
    }
}
