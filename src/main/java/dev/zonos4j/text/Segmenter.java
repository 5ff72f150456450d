package dev.zonos4j.text;

import dev.zonos4j.util.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Packs the sentences of a long text into segments of at most {@code budget} phonemes. A segment never crosses a
 * paragraph break. Within a paragraph the cuts are chosen one at a time: each candidate cut scores the strength of
 * its boundary (sentence 4, ; : — 3, comma 2, word 1) minus how far the segment would be from an even share of
 * what is left (3 points per 100% off, so a third off costs one level), so segments come out of similar length
 * and end at the strongest nearby boundary. A sentence longer than the budget is cut into clauses, and a clause longer than the budget into words;
 * a single word longer than the budget (with any punctuation around it) is the only way a segment exceeds it.
 * A sentence with nothing to speak (only punctuation) joins the sentence before it in its paragraph, or the one
 * after it; alone in its paragraph (a "* * *" divider) it is left out.
 */
final class Segmenter {
    private static final int SENTENCE = 4;
    private static final int CLAUSE = 3;
    private static final int COMMA = 2;
    private static final int WORD = 1;
    private static final String CLAUSE_MARKS = ";:—–；：؛";
    private static final String COMMA_MARKS = ",，、،";
    /** Marks that end a clause even with no space after them. */
    private static final String UNSPACED_MARKS = "—–；：，、";
    private static final String CLOSERS = "\"'”’»›)]}」』）】〉》";

    /** A piece of the text that is never split further: span, phonemes, strength of the boundary after it. */
    private record Atom(int start, int end, int count, int strength, boolean paragraphEnd) {
    }

    private final ToIntFunction<String> phonemeCount;

    /** @param phonemeCount phoneme symbols of a cleaned text (what {@link TextFrontEnd#prepare} would produce) */
    Segmenter(ToIntFunction<String> phonemeCount) {
        this.phonemeCount = phonemeCount;
    }

    List<Segment> segment(String text, int budget) {
        if (budget < 1) {
            throw new IllegalArgumentException("budget must be positive, got " + budget);
        }
        if (text.isBlank()) {
            throw new InvalidInputException("the text is empty; there is nothing to speak");
        }
        List<Atom> atoms = new ArrayList<>();
        for (Sentence s : withPunctuationOnlyMerged(text, SentenceSplitter.split(text))) {
            int count = count(text, s.start(), s.end());
            if (count <= budget) {
                atoms.add(new Atom(s.start(), s.end(), count, SENTENCE, s.paragraphEnd()));
            } else {
                atoms.addAll(splitLong(text, s, budget));
            }
        }
        if (atoms.isEmpty()) {
            throw new InvalidInputException("the text has nothing to speak: it holds only punctuation, symbols or whitespace");
        }
        List<Segment> out = new ArrayList<>();
        int from = 0;
        while (from < atoms.size()) {
            int to = from;
            while (to < atoms.size() - 1 && !atoms.get(to).paragraphEnd()) {
                to++;
            }
            pack(text, atoms, from, to + 1, budget, out);
            from = to + 1;
        }
        return out;
    }

    /** Sentences with nothing to speak joined to a neighbour in their paragraph, or dropped when alone in it. */
    private static List<Sentence> withPunctuationOnlyMerged(String text, List<Sentence> sentences) {
        List<Sentence> out = new ArrayList<>();
        int pendingStart = -1;
        for (Sentence s : sentences) {
            if (speakable(text, s.start(), s.end())) {
                out.add(new Sentence(pendingStart >= 0 ? pendingStart : s.start(), s.end(), s.paragraphEnd()));
                pendingStart = -1;
            } else if (!out.isEmpty() && !out.getLast().paragraphEnd()) {
                out.add(new Sentence(out.removeLast().start(), s.end(), s.paragraphEnd()));
            } else if (s.paragraphEnd()) {
                pendingStart = -1;
            } else if (pendingStart < 0) {
                pendingStart = s.start();
            }
        }
        return out;
    }

    /**
     * Cuts atoms [from, to) (one paragraph) into segments. Counts of neighbouring atoms add up (eSpeak reads each
     * word alone, and the space between them is one symbol), so the sums choose the cuts; each segment is then
     * counted exactly, and if that count still exceeds the budget the segment gives up its last atom.
     */
    private void pack(String text, List<Atom> atoms, int from, int to, int budget, List<Segment> out) {
        long[] prefix = new long[to - from + 1];
        for (int k = from; k < to; k++) {
            prefix[k - from + 1] = prefix[k - from] + atoms.get(k).count() + 1;
        }
        int i = from;
        while (i < to) {
            long remaining = prefix[to - from] - prefix[i - from] - 1;
            int best = remaining <= budget ? to - 1 : bestCut(atoms, i, to, remaining, budget);
            Segment segment = segment(text, atoms, i, best, out.size());
            while (segment.phonemeCount() > budget && best > i) {
                best--;
                segment = segment(text, atoms, i, best, out.size());
            }
            out.add(segment);
            i = best + 1;
        }
    }

    /** The atom after which to cut the paragraph's rest [i, to), which is over budget. */
    private static int bestCut(List<Atom> atoms, int i, int to, long remaining, int budget) {
        long pieces = (remaining + budget - 1) / budget;
        double target = (double) remaining / pieces;
        int best = i;
        double bestScore = Double.NEGATIVE_INFINITY;
        int fill = 0;
        for (int k = i; k < to - 1; k++) {
            fill += atoms.get(k).count() + (k > i ? 1 : 0);
            if (fill > budget && k > i) {
                break;
            }
            double score = atoms.get(k).strength() - 3.0 * Math.abs(fill - target) / target;
            if (score > bestScore) {
                bestScore = score;
                best = k;
            }
        }
        return best;
    }

    private Segment segment(String text, List<Atom> atoms, int i, int j, int index) {
        int start = atoms.get(i).start();
        int end = atoms.get(j).end();
        String spoken = TextCleanup.apply(text.substring(start, end));
        return new Segment(index, spoken, start, end, phonemeCount.applyAsInt(spoken), atoms.get(j).paragraphEnd());
    }

    /** A sentence over budget as clause atoms, with clauses over budget as word atoms. */
    private List<Atom> splitLong(String text, Sentence s, int budget) {
        List<Atom> clauses = pieces(text, s.start(), s.end(), true);
        List<Atom> out = new ArrayList<>();
        for (Atom c : clauses) {
            if (c.count() <= budget) {
                out.add(c);
                continue;
            }
            List<Atom> words = pieces(text, c.start(), c.end(), false);
            Atom last = words.removeLast();
            out.addAll(words);
            out.add(new Atom(last.start(), last.end(), last.count(), c.strength(), false));
        }
        Atom last = out.removeLast();
        out.add(new Atom(last.start(), last.end(), last.count(), SENTENCE, s.paragraphEnd()));
        return out;
    }

    /**
     * The span [start, end) cut after clause punctuation (clauses) or at whitespace (words). A piece with nothing
     * to speak joins the piece before it (or after it, when it comes first).
     */
    private List<Atom> pieces(String text, int start, int end, boolean clauses) {
        List<int[]> spans = new ArrayList<>();
        List<Integer> strengths = new ArrayList<>();
        int pieceStart = start;
        int i = start;
        while (i < end) {
            char c = text.charAt(i);
            int cutAt = -1;
            int strength = WORD;
            if (clauses && (CLAUSE_MARKS.indexOf(c) >= 0 || COMMA_MARKS.indexOf(c) >= 0 || spacedHyphen(text, i, start, end))) {
                strength = COMMA_MARKS.indexOf(c) >= 0 ? COMMA : CLAUSE;
                int q = i + 1;
                while (q < end && (CLAUSE_MARKS.indexOf(text.charAt(q)) >= 0 || COMMA_MARKS.indexOf(text.charAt(q)) >= 0
                        || CLOSERS.indexOf(text.charAt(q)) >= 0)) {
                    q++;
                }
                if (q < end && (PyText.isSpace(text.charAt(q)) || UNSPACED_MARKS.indexOf(c) >= 0)) {
                    cutAt = q;
                }
                i = q;
            } else if (!clauses && PyText.isSpace(c)) {
                cutAt = i;
                i++;
            } else {
                i++;
            }
            if (cutAt > pieceStart) {
                spans.add(new int[] {pieceStart, cutAt});
                strengths.add(strength);
                pieceStart = cutAt;
            }
        }
        spans.add(new int[] {pieceStart, end});
        strengths.add(WORD);
        List<Atom> atoms = new ArrayList<>();
        for (int k = 0; k < spans.size(); k++) {
            int a = skipSpace(text, spans.get(k)[0], spans.get(k)[1]);
            int b = trimSpace(text, a, spans.get(k)[1]);
            if (a == b) {
                continue;
            }
            if (!speakable(text, a, b) && !atoms.isEmpty()) {
                Atom prev = atoms.removeLast();
                atoms.add(atom(text, prev.start(), b, strengths.get(k)));
            } else if (!atoms.isEmpty() && !speakable(text, atoms.getLast().start(), atoms.getLast().end())) {
                Atom prev = atoms.removeLast();
                atoms.add(atom(text, prev.start(), b, strengths.get(k)));
            } else {
                atoms.add(atom(text, a, b, strengths.get(k)));
            }
        }
        return atoms;
    }

    private Atom atom(String text, int start, int end, int strength) {
        return new Atom(start, end, count(text, start, end), strength, false);
    }

    private static boolean spacedHyphen(String text, int i, int start, int end) {
        return text.charAt(i) == '-' && i > start && i + 1 < end && PyText.isSpace(text.charAt(i - 1))
                && PyText.isSpace(text.charAt(i + 1));
    }

    private static int skipSpace(String text, int a, int b) {
        while (a < b && PyText.isSpace(text.charAt(a))) {
            a++;
        }
        return a;
    }

    private static int trimSpace(String text, int a, int b) {
        while (b > a && PyText.isSpace(text.charAt(b - 1))) {
            b--;
        }
        return b;
    }

    private int count(String text, int start, int end) {
        return phonemeCount.applyAsInt(TextCleanup.apply(text.substring(start, end)));
    }

    /** Whether [start, end) holds something eSpeak reads aloud: a letter, a digit, or a symbol such as © or €. */
    static boolean speakable(String text, int start, int end) {
        for (int i = start; i < end; ) {
            int cp = text.codePointAt(i);
            int type = Character.getType(cp);
            if (Character.isLetterOrDigit(cp) || type == Character.OTHER_SYMBOL || type == Character.CURRENCY_SYMBOL) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }
}
