package dev.zonos4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextCommandsTest {
    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = Main.execute(args);
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void phonemizePrintsPhonemesAndTokens() {
        Run r = run("phonemize", "--lang", "en-us", "Hello,", "world!");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("phonemes  həlˈoʊ, wˈɜːld!"), r.out());
        assertTrue(r.out().contains("tokens    [2, 61, 94, 65, 167, 68, 146, 6, 21, 76, 167, 98, 169, 65, 57, 8, 3] (17)"), r.out());
    }

    @Test
    void phonemizeWarnsAboutUnknownSymbolsAndRejectsUnknownLanguages() {
        Run fr = run("phonemize", "-l", "fr-fr", "un bon vin");
        assertEquals(0, fr.status());
        assertTrue(fr.err().contains("warning: ") && fr.err().contains("U+0303"), fr.err());
        Run bad = run("phonemize", "--lang", "english", "hi");
        assertEquals(Main.EXIT_USAGE, bad.status());
        assertTrue(bad.err().contains("unknown language 'english'") && bad.err().contains("en-us"), bad.err());
    }

    @Test
    void segmentPrintsSpansAndCounts(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.txt");
        Files.writeString(f, "First paragraph. It has two sentences.\n\nSecond one.", StandardCharsets.UTF_8);
        Run r = run("segment", "-f", f.toString(), "--budget", "40");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("[0,16)") && r.out().contains("[40,51)") && r.out().contains("¶ Second one."), r.out());
        Run missing = run("segment", "-f", dir.resolve("nope.txt").toString());
        assertEquals(Main.EXIT_USAGE, missing.status());
        assertTrue(missing.err().contains("nope.txt: file not found"), missing.err());
    }
}
