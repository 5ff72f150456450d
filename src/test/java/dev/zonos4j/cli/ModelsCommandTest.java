package dev.zonos4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Usage errors of {@code zonos models} exit with status 2 before any cache or network access. */
class ModelsCommandTest {
    @Test
    void badRepoIdsAndUnknownFilesAreUsageErrors() {
        assertEquals(Main.EXIT_USAGE, Main.execute("models", "fetch", "not/a/repo"));
        assertEquals(Main.EXIT_USAGE, Main.execute("models", "path", "someone/unknown-model"));
        assertEquals(Main.EXIT_USAGE, Main.execute("models", "fetch", "someone/unknown-model", "--file", "../x"));
    }
}
