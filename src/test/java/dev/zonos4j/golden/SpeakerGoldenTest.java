package dev.zonos4j.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.TestKits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SpeakerGoldenTest {

    private static long filesIn(String dir, String regex) throws IOException {
        try (Stream<java.nio.file.Path> s = Files.list(TestKits.speaker().resolve(dir))) {
            return s.filter(p -> p.getFileName().toString().matches(regex)).count();
        }
    }

    @Test
    void everySpeakerCasePasses() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        GoldenRunner.Result r = new GoldenRunner(List.of(new SpeakerGolden()))
                .run(TestKits.speaker(), "speaker", new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(r.ok(), out);
        // one case per golden input plus the front-end constants
        assertEquals(filesIn("golden", "in.*\\.safetensors") + 1, r.passed(), out);
        assertTrue(r.passed() >= 4, out);
        assertTrue(out.contains("embedding (from golden fbank)") && out.contains("debug.front.layer4"), out);
    }

    @Test
    void everyResampleCasePasses() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        GoldenRunner.Result r = new GoldenRunner(List.of(new ResampleGolden()))
                .run(TestKits.speaker(), "resample", new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(r.ok(), out);
        assertEquals(filesIn("resample", ".*\\.safetensors"), r.passed(), out);
        assertTrue(r.passed() >= 5, out);
    }
}
