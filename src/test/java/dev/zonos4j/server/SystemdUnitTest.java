package dev.zonos4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/zonos.service passes {@code systemd-analyze verify} without a warning. Where the tool is missing the
 * test is skipped (reported as skipped, with the reason), never passed.
 */
class SystemdUnitTest {
    @TempDir
    Path tmp;

    private static Path tool() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, "systemd-analyze");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** The unit with its ExecStart pointing at this checkout's launcher, as an install would. */
    private Path unit(String edit, String replacement) throws IOException {
        String text = Files.readString(Path.of("deploy/zonos.service"), StandardCharsets.UTF_8)
                .replace("/opt/zonos4j/zonos", Path.of("zonos").toAbsolutePath().toString())
                .replace(edit, replacement);
        Path dir = Files.createDirectories(tmp.resolve(edit.isEmpty() ? "good" : "edited"));
        return Files.writeString(dir.resolve("zonos.service"), text, StandardCharsets.UTF_8);
    }

    private static String verify(Path tool, Path unit) throws Exception {
        Process p = new ProcessBuilder(tool.toString(), "verify", unit.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "systemd-analyze did not finish");
        return "exit " + p.exitValue() + (out.isBlank() ? "" : ": " + out.strip());
    }

    @Test
    void theUnitFileVerifiesCleanly() throws Exception {
        Path tool = tool();
        assumeTrue(tool != null, "systemd-analyze is not installed, so deploy/zonos.service was NOT checked");
        assertEquals("exit 0", verify(tool, unit("", "")));
        // The check is live: a broken directive is reported.
        assertFalse(verify(tool, unit("KillSignal=SIGTERM", "KillSignal=SIGNOPE")).equals("exit 0"));
    }
}
