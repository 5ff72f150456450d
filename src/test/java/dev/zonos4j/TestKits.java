package dev.zonos4j;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Where the copied reference kits sit in the test resources (a plain clone tests itself). */
public final class TestKits {
    private TestKits() {
    }

    public static Path root() {
        try {
            return Path.of(TestKits.class.getResource("/reference").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path zonos() {
        return root().resolve("zonos");
    }

    public static Path zonosHybrid() {
        return root().resolve("zonos-hybrid");
    }

    public static Path dac() {
        return root().resolve("dac");
    }

    public static Path speaker() {
        return root().resolve("speaker");
    }
}
