package dev.zonos4j.golden;

import java.nio.file.Path;
import java.util.List;

/** Every component the golden runner knows, in the order it runs them. */
public final class GoldenComponents {
    private GoldenComponents() {
    }

    public static List<GoldenComponent> all() {
        return List.of(
                new LmGolden(),
                new TextGolden(),
                new DacGolden(),
                notImplemented("speaker", Kit.SPEAKER, "issue #5"),
                notImplemented("resample", Kit.SPEAKER, "issue #5"));
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
