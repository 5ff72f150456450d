package dev.zonos4j.audio.join;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Every limit of the join settings is inclusive where documented and refused just past it. */
class JoinConfigTest {
    private static final JoinConfig D = JoinConfig.defaults(44_100);

    private static JoinConfig with(int rate, double thresholdDb, double floorDbfs) {
        return new JoinConfig(rate, D.pauseSeconds(), D.paragraphPauseSeconds(), D.crossfadeMs(), true, thresholdDb, floorDbfs,
                D.marginMs(), true, OptionalDouble.empty(), D.maxBoostDb(), D.maxCutDb(), D.peakCeiling());
    }

    @Test
    void theEdgesAreAccepted() {
        List<Supplier<JoinConfig>> edges = List.of(
                () -> with(1000, -40, -65),
                () -> D.withPauses(0, 0),
                () -> D.withPauses(60, 60),
                () -> D.withPauses(0.5, 0.5),
                () -> D.withCrossfadeMs(0),
                () -> D.withCrossfadeMs(100),
                () -> D.withTrim(true, -120, 0),
                () -> D.withTrim(true, -1e-9, 1000),
                () -> with(44_100, -40, -200),
                () -> D.withLoudness(true, OptionalDouble.of(-20), 0, 0),
                () -> D.withLoudness(true, OptionalDouble.empty(), 60, 60),
                () -> D.withPeakCeiling(1));
        for (Supplier<JoinConfig> edge : edges) {
            assertDoesNotThrow(edge::get);
        }
    }

    @Test
    void justPastTheEdgesIsRefused() {
        List<Supplier<JoinConfig>> bad = List.of(
                () -> with(999, -40, -65),
                () -> D.withPauses(-0.001, 1),
                () -> D.withPauses(1, 60.001),
                () -> D.withPauses(60.001, 61),
                () -> D.withPauses(0.5, 0.499),
                () -> D.withCrossfadeMs(-0.001),
                () -> D.withCrossfadeMs(100.001),
                () -> D.withTrim(true, 0, 40),
                () -> D.withTrim(true, -120.001, 40),
                () -> D.withTrim(true, -40, -0.001),
                () -> D.withTrim(true, -40, 1000.001),
                () -> with(44_100, -40, 0),
                () -> with(44_100, -40, -200.001),
                () -> D.withLoudness(true, OptionalDouble.of(Double.NaN), 12, 12),
                () -> D.withLoudness(true, OptionalDouble.empty(), -0.001, 12),
                () -> D.withLoudness(true, OptionalDouble.empty(), 60.001, 12),
                () -> D.withLoudness(true, OptionalDouble.empty(), 12, -0.001),
                () -> D.withLoudness(true, OptionalDouble.empty(), 12, 60.001),
                () -> D.withLoudness(true, null, 12, 12),
                () -> D.withPeakCeiling(0),
                () -> D.withPeakCeiling(1.001));
        for (int i = 0; i < bad.size(); i++) {
            Supplier<JoinConfig> b = bad.get(i);
            assertThrows(IllegalArgumentException.class, b::get, "case " + i);
        }
    }

    @Test
    void millisecondsBecomeSamplesAtTheRate() {
        assertEquals(221, D.withCrossfadeMs(5).crossfadeSamples());
        assertEquals(1764, D.withTrim(true, -40, 40).marginSamples());
        assertEquals(0, D.withTrim(true, -40, 0).marginSamples());
    }
}
