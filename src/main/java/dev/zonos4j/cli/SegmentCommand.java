package dev.zonos4j.cli;

import dev.zonos4j.text.Language;
import dev.zonos4j.text.Segment;
import dev.zonos4j.text.TextFrontEnd;
import dev.zonos4j.util.InvalidInputException;
import dev.zonos4j.util.ZonosException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zonos segment}: how a long text is cut into segments, with spans and phoneme counts. */
@Command(name = "segment", mixinStandardHelpOptions = true,
        description = "Split a text file into the segments Zonos synthesises one at a time; prints each segment's "
                + "character span [start,end) in the file, its phoneme count, a paragraph mark and its text.")
final class SegmentCommand implements Callable<Integer> {

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "UTF-8 text file ('-' reads stdin).")
    String file;

    @Option(names = {"-l", "--lang"}, defaultValue = "en-us", description = "Language code (default: ${DEFAULT-VALUE}).")
    String lang;

    @Option(names = "--budget", defaultValue = "" + TextFrontEnd.DEFAULT_BUDGET,
            description = "Most phonemes per segment (default: ${DEFAULT-VALUE}, about 18 s at 15 phonemes/s).")
    int budget;

    @Override
    public Integer call() {
        Language language = Language.of(lang);
        String text = read(file);
        long t0 = System.nanoTime();
        List<Segment> segments = TextFrontEnd.shared().segment(text, language, budget);
        double ms = (System.nanoTime() - t0) / 1e6;
        PrintWriter out = CliText.out();
        int total = 0;
        int max = 0;
        for (Segment s : segments) {
            out.printf("#%-4d [%d,%d)  %4d phonemes %s %s%n", s.index(), s.start(), s.end(), s.phonemeCount(),
                    s.paragraphEnd() ? "¶" : " ", s.text());
            total += s.phonemeCount();
            max = Math.max(max, s.phonemeCount());
        }
        out.printf("%d segments, %d phonemes (mean %.0f, max %d, budget %d), %d chars in %.0f ms%n", segments.size(),
                total, (double) total / segments.size(), max, budget, text.length(), ms);
        out.flush();
        return 0;
    }

    static String read(String file) {
        try {
            byte[] bytes = file.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": file not found");
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new ZonosException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
