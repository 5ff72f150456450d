package dev.zonos4j.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.TestKits;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextGoldenTest {
    @Test
    void everyLineOfTheTextKitMatchesExactly() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        GoldenRunner.Result r = new GoldenRunner(List.of(new TextGolden())).run(TestKits.zonos(), "text",
                new PrintStream(buf, true, StandardCharsets.UTF_8));
        String report = buf.toString(StandardCharsets.UTF_8);
        long lines = Files.readAllLines(TestKits.zonos().resolve("text/frontend.jsonl")).stream()
                .filter(l -> !l.isBlank()).count();
        assertTrue(lines >= 79, "kit has " + lines + " lines");
        assertTrue(r.ok(), report);
        assertEquals(lines + 3, r.passed(), report);
    }
}
