package dev.zonos4j.text;

import java.util.ArrayList;
import java.util.List;

/**
 * phonemizer's {@code Punctuation.preserve}/{@code restore} (3.3.0) with upstream's marks, strip=True and word
 * separator " ". The text is cut at every maximal run of whitespace and marks that holds at least one mark (the
 * regex {@code (\s*[marks]+\s*)+}); since the space is a mark, every word becomes its own chunk for eSpeak. After
 * phonemization the runs are put back verbatim, their spaces and newlines included.
 */
final class PunctuationMarks {
    /** Where a mark sat in the line: Begin, End, Inside, or Alone (the whole line). */
    enum Position { BEGIN, END, INSIDE, ALONE }

    record Mark(String text, Position position) {
    }

    /** The chunks to phonemize (never empty strings) and the marks to put back between them. */
    record Split(List<String> chunks, List<Mark> marks) {
    }

    private PunctuationMarks() {
    }

    static boolean isMark(char c) {
        return SymbolTable.PUNCTUATION.indexOf(c) >= 0;
    }

    static Split preserve(String line) {
        List<int[]> runs = new ArrayList<>();
        int n = line.length();
        int i = 0;
        while (i < n) {
            char c = line.charAt(i);
            if (!isMark(c) && !PyText.isSpace(c)) {
                i++;
                continue;
            }
            int start = i;
            boolean hasMark = false;
            while (i < n && (isMark(line.charAt(i)) || PyText.isSpace(line.charAt(i)))) {
                hasMark |= isMark(line.charAt(i));
                i++;
            }
            if (hasMark) {
                runs.add(new int[] {start, i});
            }
        }
        List<String> chunks = new ArrayList<>();
        List<Mark> marks = new ArrayList<>();
        if (runs.isEmpty()) {
            addChunk(chunks, line);
            return new Split(chunks, marks);
        }
        if (runs.size() == 1 && runs.getFirst()[0] == 0 && runs.getFirst()[1] == n) {
            marks.add(new Mark(line, Position.ALONE));
            return new Split(chunks, marks);
        }
        int prev = 0;
        for (int r = 0; r < runs.size(); r++) {
            int[] run = runs.get(r);
            Position p = Position.INSIDE;
            if (r == 0 && run[0] == 0) {
                p = Position.BEGIN;
            } else if (r == runs.size() - 1 && run[1] == n) {
                p = Position.END;
            }
            marks.add(new Mark(line.substring(run[0], run[1]), p));
            addChunk(chunks, line.substring(prev, run[0]));
            prev = run[1];
        }
        addChunk(chunks, line.substring(prev));
        return new Split(chunks, marks);
    }

    private static void addChunk(List<String> chunks, String chunk) {
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
    }

    /**
     * Puts the marks back among the phonemized chunks and returns the first line of the result, which is what
     * upstream keeps; null when there was nothing at all (an empty input, where upstream fails).
     */
    static String restore(List<String> phonemized, List<Mark> marks) {
        List<String> text = new ArrayList<>(phonemized);
        List<Mark> pending = new ArrayList<>(marks);
        List<String> out = new ArrayList<>();
        int pos = 0;
        while (!text.isEmpty() || !pending.isEmpty()) {
            if (pending.isEmpty()) {
                out.addAll(text);
                text.clear();
            } else if (text.isEmpty()) {
                StringBuilder all = new StringBuilder();
                pending.forEach(m -> all.append(m.text()));
                out.add(all.toString());
                pending.clear();
            } else if (pos == 0) {
                // every mark belongs to line 0: they are placed until an END or ALONE mark closes the line
                Mark mark = pending.removeFirst();
                if (text.getFirst().endsWith(" ")) {
                    text.set(0, text.getFirst().substring(0, text.getFirst().length() - 1));
                }
                switch (mark.position()) {
                    case BEGIN -> text.set(0, mark.text() + text.getFirst());
                    case END -> {
                        out.add(text.removeFirst() + mark.text());
                        pos++;
                    }
                    case ALONE -> {
                        out.add(mark.text());
                        pos++;
                    }
                    case INSIDE -> {
                        if (text.size() == 1) {
                            text.set(0, text.getFirst() + mark.text());
                        } else {
                            String first = text.removeFirst();
                            text.set(0, first + mark.text() + text.getFirst());
                        }
                    }
                }
            } else {
                out.add(text.removeFirst());
                pos++;
            }
        }
        return out.isEmpty() ? null : out.getFirst();
    }
}
