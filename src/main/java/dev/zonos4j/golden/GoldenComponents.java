package dev.zonos4j.golden;

import java.nio.file.Path;
import java.util.List;

/** Every component the golden runner knows, in the order it runs them. */
public final class GoldenComponents {
    private GoldenComponents() {
    }

    public static List<GoldenComponent> all() {
        return List.of(
                notImplemented("lm", Kit.ZONOS, "issue #2"),
                notImplemented("text", Kit.ZONOS, "issue #3"),
                notImplemented("dac", Kit.DAC, "issue #4"),
                new SpeakerGolden(),
                new ResampleGolden());
    }

    private static GoldenComponent notImplemented(String name, Kit kit, String issue) {
        return new GoldenComponent() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Kit kit() {
                return kit;
            }

            @Override
            public List<GoldenCase> cases(Path kitDir) {
                throw new UnsupportedOperationException("component '" + name + "' is not implemented yet (" + issue + ")");
            }
        };
    }
}
