package dev.zonos4j.cli;

import dev.zonos4j.text.Language;
import dev.zonos4j.text.Segment;
import dev.zonos4j.text.TextFrontEnd;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zonos bench segment}: time to segment a long text (sentence split, phoneme counts through eSpeak, packing).
 * "Cold" runs use a front end with empty caches, so every distinct word goes through eSpeak; "warm" runs repeat the
 * same text on one front end, as a server sees repeated requests. Both wall time and the thread's CPU time are
 * printed: on a busy machine the CPU time is the steadier number.
 */
@Command(name = "segment", mixinStandardHelpOptions = true,
        description = "Time segmenting a long text: a generated English text (default 100,000 chars) or a file.")
final class BenchSegmentCommand implements Callable<Integer> {

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Text file to segment instead of the generated text.")
    String file;

    @Option(names = "--chars", defaultValue = "100000", description = "Length of the generated text (default: ${DEFAULT-VALUE}).")
    int chars;

    @Option(names = {"-l", "--lang"}, defaultValue = "en-us", description = "Language code (default: ${DEFAULT-VALUE}).")
    String lang;

    @Option(names = "--budget", defaultValue = "" + TextFrontEnd.DEFAULT_BUDGET, description = "Phonemes per segment.")
    int budget;

    @Option(names = "--runs", defaultValue = "5", description = "Measured runs of each kind (default: ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() {
        Language language = Language.of(lang);
        String text = file != null ? SegmentCommand.read(file) : generate(chars, 20250601L);
        PrintWriter out = CliText.out();
        // JIT warm-up on a different text, so cold runs below measure eSpeak and caches, not the compiler
        for (int i = 0; i < 3; i++) {
            TextFrontEnd.newInstance().segment(generate(Math.min(chars, 50_000), 7L + i), language, budget);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] cold = new double[runs];
        double[] coldCpu = new double[runs];
        double[] warm = new double[runs];
        double[] warmCpu = new double[runs];
        List<Segment> segments = null;
        for (int r = 0; r < runs; r++) {
            TextFrontEnd fresh = TextFrontEnd.newInstance();
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            segments = fresh.segment(text, language, budget);
            cold[r] = (System.nanoTime() - t0) / 1e6;
            coldCpu[r] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        TextFrontEnd reused = TextFrontEnd.newInstance();
        reused.segment(text, language, budget);
        for (int r = 0; r < runs; r++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            reused.segment(text, language, budget);
            warm[r] = (System.nanoTime() - t0) / 1e6;
            warmCpu[r] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        int phonemes = segments.stream().mapToInt(Segment::phonemeCount).sum();
        int max = segments.stream().mapToInt(Segment::phonemeCount).max().orElse(0);
        out.printf("text: %,d chars, %s; %d segments, %,d phonemes (max %d, budget %d)%n", text.length(),
                file != null ? file : "generated", segments.size(), phonemes, max, budget);
        out.printf("cold (empty caches):    wall median %.1f ms (min %.1f), thread CPU median %.1f ms -> %.2f M chars/CPU-s%n",
                median(cold), min(cold), median(coldCpu), text.length() / median(coldCpu) / 1e3);
        out.printf("warm (same text again): wall median %.1f ms (min %.1f), thread CPU median %.1f ms -> %.2f M chars/CPU-s%n",
                median(warm), min(warm), median(warmCpu), text.length() / median(warmCpu) / 1e3);
        out.flush();
        return 0;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static final String[] COMMON = ("the of and to a in that is was he for it with as his on be at by I had "
            + "not are but from or have an they which one you were her all she there would their we him been has when "
            + "who will more no if out so said what up its about into than them can only other new some could time "
            + "these two may then do first any my now such like our over man me even most made after also did many "
            + "before must through back years where much your way well down should because each just those people how "
            + "too little state good very make world still own see men work long get here between both life being under "
            + "never day same another know while last might us great old year off come since against go came right used "
            + "take three river mountain castle winter morning letter garden window evening journey question silence")
            .split(" ");
    private static final String[] SYLLABLES = "ka ri mo len tas vor bel qui nor dra zen ful pim ost rak sel mun tor vi al"
            .split(" ");
    private static final String[] EXTRAS = {"Dr. Morgan", "e.g. this", "in 1999", "$4.50", "the 3rd time", "3.14",
        "about 12,000 people", "Mr. Hale", "(as usual)", "\"quietly\"", "St. Clair", "at 10 a.m."};

    /** A deterministic English-like text: common words, invented names, numbers, abbreviations, paragraphs. */
    static String generate(int length, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(length + 400);
        int sentencesInParagraph = 0;
        while (sb.length() < length) {
            int words = rnd.nextInt(4, rnd.nextInt(10) == 0 ? 70 : 24);
            for (int w = 0; w < words; w++) {
                String word;
                int kind = rnd.nextInt(100);
                if (kind < 78) {
                    word = COMMON[rnd.nextInt(COMMON.length)];
                } else if (kind < 96) {
                    StringBuilder p = new StringBuilder();
                    for (int k = rnd.nextInt(2, 4); k > 0; k--) {
                        p.append(SYLLABLES[rnd.nextInt(SYLLABLES.length)]);
                    }
                    word = p.toString();
                } else {
                    word = EXTRAS[rnd.nextInt(EXTRAS.length)];
                }
                if (w == 0) {
                    word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
                }
                sb.append(word);
                if (w < words - 1) {
                    int p = rnd.nextInt(40);
                    sb.append(p == 0 ? "; " : p < 4 ? ", " : p == 5 ? " — " : " ");
                }
            }
            int end = rnd.nextInt(12);
            sb.append(end == 0 ? "?" : end == 1 ? "!" : end == 2 ? "..." : ".");
            if (++sentencesInParagraph >= rnd.nextInt(3, 9)) {
                sb.append("\n\n");
                sentencesInParagraph = 0;
            } else {
                sb.append(' ');
            }
        }
        return sb.toString();
    }
}
