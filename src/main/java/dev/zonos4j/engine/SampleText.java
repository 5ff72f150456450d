package dev.zonos4j.engine;

import java.util.Random;

/** Deterministic English prose of a given length, for benchmarks and memory checks. */
public final class SampleText {
    private static final String[] SENTENCES = {
        "The river ran quietly past the old mill, where the lanterns were lit every evening.",
        "Nobody in the village could remember when the bridge had last been repaired.",
        "She opened the window, listened to the rain for a while, and then went back to her letters.",
        "In the spring of that year, the orchard gave more apples than anyone could carry.",
        "He said the journey would take three days, perhaps four if the weather turned against them.",
        "A small bell rang somewhere in the house; the children ran down the stairs to see who had come.",
        "The map was old, its edges soft with use, and several of the roads on it no longer existed.",
        "They waited at the harbor until the last boat came in, its sails grey against the evening sky.",
        "Every morning the baker set out fresh bread, and every morning it was gone before nine.",
        "It was not the first time the old clock had stopped, but it was the first time nobody wound it again.",
    };

    private SampleText() {
    }

    /** About {@code chars} characters of sentences in paragraphs, the same for the same seed. */
    public static String of(int chars, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder();
        while (sb.length() < chars) {
            sb.append(SENTENCES[r.nextInt(SENTENCES.length)]);
            sb.append(r.nextInt(5) == 0 ? "\n\n" : " ");
        }
        int cut = sb.lastIndexOf(" ", Math.max(1, chars));
        return (cut > 0 ? sb.substring(0, cut) : sb.toString()).trim();
    }
}
