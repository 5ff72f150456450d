package dev.zonos4j.golden;

import dev.zonos4j.tensor.Kernels;
import java.util.List;

/** Every component the golden runner knows, in the order it runs them. */
public final class GoldenComponents {
    private GoldenComponents() {
    }

    public static List<GoldenComponent> all() {
        return all(Kernels.vector());
    }

    /** Every component, the language model on {@code lmKernels}. */
    public static List<GoldenComponent> all(Kernels lmKernels) {
        return List.of(
                new LmGolden(lmKernels),
                new HybridGolden(lmKernels),
                new TextGolden(),
                new DacGolden(),
                new SpeakerGolden(),
                new ResampleGolden());
    }
}
