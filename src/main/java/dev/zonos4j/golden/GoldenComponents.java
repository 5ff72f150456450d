package dev.zonos4j.golden;

import java.util.List;

/** Every component the golden runner knows, in the order it runs them. */
public final class GoldenComponents {
    private GoldenComponents() {
    }

    public static List<GoldenComponent> all() {
        return List.of(
                new LmGolden(),
                new HybridGolden(),
                new TextGolden(),
                new DacGolden(),
                new SpeakerGolden(),
                new ResampleGolden());
    }
}
