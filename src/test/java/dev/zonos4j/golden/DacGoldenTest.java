package dev.zonos4j.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.TestKits;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DacGoldenTest {
    @Test
    void everyDacCasePasses() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        GoldenRunner.Result r = new GoldenRunner(List.of(new DacGolden()))
                .run(TestKits.dac(), "dac", new PrintStream(buf, true, StandardCharsets.UTF_8));
        String text = buf.toString(StandardCharsets.UTF_8);
        assertTrue(r.ok(), text);
        // 2 decode goldens × (one-shot + streaming) + 2 encode goldens, for each of the 2 weight files
        assertEquals(12, r.passed(), text);
    }
}
