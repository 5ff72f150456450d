package dev.zonos4j.audio.join;

import static dev.zonos4j.audio.join.Signals.SR;
import static dev.zonos4j.audio.join.Signals.add;
import static dev.zonos4j.audio.join.Signals.concat;
import static dev.zonos4j.audio.join.Signals.ms;
import static dev.zonos4j.audio.join.Signals.noise;
import static dev.zonos4j.audio.join.Signals.silence;
import static dev.zonos4j.audio.join.Signals.tone;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Joins measured on synthetic audio. Stated bounds: around every join (±20 ms) the largest sample step is at most
 * 1.5× the largest step inside the two neighbouring segments, and the high-band energy (second difference, 5 ms
 * windows) at most 2× (3 dB) the largest found inside them; pauses are exact to 2 samples; loudness is matched to
 * within 0.5 dB. Each bound is shown to catch a plain splice.
 */
class SegmentJoinerTest {
    private static final double STEP_FACTOR = 1.5;
    private static final double HIGH_BAND_FACTOR = 2.0;
    private static final double LOUDNESS_TOLERANCE_DB = 0.5;

    /** Where each audible segment's kept audio lies in the output, fades included. */
    record Placed(int start, int end) {
    }

    /** Mixed material: padded and unpadded tones (abrupt edges at odd phases), noise, a noise floor. */
    static List<float[]> mixedSegments() {
        float[] floor = noise(1e-4, 2.0, 99);
        return List.of(
                concat(silence(0.2), tone(220, 0.3, 0.5, 0.3), silence(0.3)),
                tone(523, 0.1, 0.6, 1.1),
                add(concat(silence(0.15), noise(0.05, 0.4, 7), silence(0.15)), floor),
                add(tone(330, 0.5, 0.45, 2.0), floor),
                concat(tone(700, 0.2, 0.3, 0.9), silence(0.05)));
    }

    static float[] join(JoinConfig cfg, List<float[]> segs, List<Boolean> flags, List<SegmentReport> reports) {
        SegmentJoiner.Collector out = new SegmentJoiner.Collector();
        SegmentJoiner j = new SegmentJoiner(cfg, out);
        for (int i = 0; i < segs.size(); i++) {
            reports.add(j.add(segs.get(i), flags.get(i)));
        }
        j.finish();
        return out.toArray();
    }

    /** The output layout the joiner promises: pauses between segments, or overlaps of one fade length. */
    static List<Placed> layout(JoinConfig cfg, List<SegmentReport> reports, List<Boolean> flags) {
        List<Placed> placed = new ArrayList<>();
        int xf = cfg.crossfadeSamples();
        int pending = 0;
        int prevFade = 0;
        for (int i = 0; i < reports.size(); i++) {
            SegmentReport r = reports.get(i);
            if (r.silent()) {
                if (!placed.isEmpty()) {
                    pending = Math.max(pending, cfg.pauseSamples(flags.get(i)));
                }
                continue;
            }
            int len = r.keptTo() - r.keptFrom();
            int fade = Math.min(xf, len / 2);
            int start;
            if (placed.isEmpty()) {
                start = 0;
            } else if (pending > 0 || prevFade == 0 || fade == 0) {
                start = placed.getLast().end() + pending;
            } else {
                start = placed.getLast().end() - Math.min(prevFade, fade);
            }
            placed.add(new Placed(start, start + len));
            prevFade = fade;
            pending = cfg.pauseSamples(flags.get(i));
        }
        return placed;
    }

    /**
     * The output the joiner promises, built from the reports alone: each audible segment's kept span times its gain,
     * placed by {@link #layout}, faded in over its fade length (or over the overlap where it crossfades into the
     * previous segment) and faded out likewise at its end; overlapping samples add; pauses are silence.
     */
    static float[] promised(JoinConfig cfg, List<float[]> segs, List<SegmentReport> reports, List<Boolean> flags) {
        List<Placed> placed = layout(cfg, reports, flags);
        List<float[]> bodies = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            SegmentReport r = reports.get(i);
            if (!r.silent()) {
                float gain = (float) Math.pow(10, r.gainDb() / 20);
                float[] x = java.util.Arrays.copyOfRange(segs.get(i), r.keptFrom(), r.keptTo());
                for (int k = 0; k < x.length; k++) {
                    x[k] *= gain;
                }
                bodies.add(x);
            }
        }
        float[] y = new float[placed.isEmpty() ? 0 : placed.getLast().end()];
        for (int j = 0; j < placed.size(); j++) {
            float[] x = bodies.get(j);
            int fade = Math.min(cfg.crossfadeSamples(), x.length / 2);
            int start = placed.get(j).start();
            boolean crossIn = j > 0 && start < placed.get(j - 1).end();
            int in = crossIn ? placed.get(j - 1).end() - start : fade;
            boolean crossOut = j + 1 < placed.size() && placed.get(j + 1).start() < placed.get(j).end();
            int out = crossOut ? placed.get(j).end() - placed.get(j + 1).start() : fade;
            for (int k = 0; k < x.length; k++) {
                float v = x[k];
                if (k < in) {
                    v *= Fades.in(k, in);
                }
                if (k >= x.length - out) {
                    v *= Fades.out(k - (x.length - out), out);
                }
                y[start + k] += v;
            }
        }
        return y;
    }

    /** Violations of the stated click bounds, one line per offending join (empty = seamless). */
    static List<String> clicks(float[] y, List<Placed> placed) {
        List<String> bad = new ArrayList<>();
        int edge = ms(25);
        int around = ms(20);
        for (int i = 0; i + 1 < placed.size(); i++) {
            Placed a = placed.get(i);
            Placed b = placed.get(i + 1);
            double step = Math.max(Signals.maxStep(y, a.start() + edge, a.end() - edge),
                    Signals.maxStep(y, b.start() + edge, b.end() - edge));
            double band = Math.max(Signals.maxHighBand(y, a.start() + edge, a.end() - edge),
                    Signals.maxHighBand(y, b.start() + edge, b.end() - edge));
            int from = Math.min(a.end(), b.start()) - around;
            int to = Math.max(a.end(), b.start()) + around;
            double joinStep = Signals.maxStep(y, from, to);
            double joinBand = Signals.maxHighBand(y, from, to);
            if (joinStep > STEP_FACTOR * step) {
                bad.add(String.format("join %d: step %.4g > %.1f x %.4g", i, joinStep, STEP_FACTOR, step));
            }
            if (joinBand > HIGH_BAND_FACTOR * band + 1e-12) {
                bad.add(String.format("join %d: high band %.4g > %.1f x %.4g", i, joinBand, HIGH_BAND_FACTOR, band));
            }
        }
        return bad;
    }

    @Test
    void pausedJoinsHaveNoClicks() {
        JoinConfig cfg = JoinConfig.defaults(SR);
        List<Boolean> flags = List.of(false, true, false, false, true);
        List<SegmentReport> reports = new ArrayList<>();
        float[] y = join(cfg, mixedSegments(), flags, reports);
        List<Placed> placed = layout(cfg, reports, flags);
        assertEquals(placed.getLast().end(), y.length, "output length follows the promised layout");
        assertEquals(placed, reports.stream().filter(r -> !r.silent())
                .map(r -> new Placed((int) r.outputStart(), (int) r.outputEnd())).toList(), "reports say where segments lie");
        assertEquals(List.of(), clicks(y, placed));
        assertTrue(Signals.peak(y) <= cfg.peakCeiling() + 1e-6);
    }

    @Test
    void crossfadedJoinsHaveNoClicksWhereAPlainSpliceHas() {
        List<float[]> segs = List.of(tone(220, 0.3, 0.4, 0.3), tone(587, 0.2, 0.5, 2.2), tone(311, 0.4, 0.3, 4.0),
                noise(0.1, 0.4, 3), tone(450, 0.25, 0.35, 5.5));
        List<Boolean> flags = List.of(false, false, false, false, false);
        JoinConfig cfg = JoinConfig.defaults(SR).withPauses(0, 0);
        List<SegmentReport> reports = new ArrayList<>();
        float[] y = join(cfg, segs, flags, reports);
        List<Placed> placed = layout(cfg, reports, flags);
        assertEquals(placed.getLast().end(), y.length);
        assertTrue(placed.get(1).start() < placed.get(0).end(), "segments overlap by the crossfade");
        assertEquals(placed, reports.stream().map(r -> new Placed((int) r.outputStart(), (int) r.outputEnd())).toList());
        assertEquals(List.of(), clicks(y, placed));

        // The same join without a crossfade is a plain splice, and the measures flag it.
        JoinConfig splice = cfg.withCrossfadeMs(0);
        List<SegmentReport> spliceReports = new ArrayList<>();
        float[] z = join(splice, segs, flags, spliceReports);
        List<String> found = clicks(z, layout(splice, spliceReports, flags));
        assertTrue(found.stream().anyMatch(s -> s.contains("step")), found::toString);
        assertTrue(found.stream().anyMatch(s -> s.contains("high band")), found::toString);
    }

    @Test
    void pausesHaveTheConfiguredLength() {
        JoinConfig cfg = JoinConfig.defaults(SR).withPauses(0.25, 0.7);
        int margin = cfg.marginSamples();
        float[] burst = tone(440, 0.3, 0.5, Math.PI / 4);
        float[] padded = concat(silence(0.3), burst, silence(0.4));
        List<float[]> segs = List.of(padded, padded, silence(1.0), padded, padded);
        List<Boolean> flags = List.of(false, false, true, false, false);
        float[] y = join(cfg, segs, flags, new ArrayList<>());

        List<Integer> gaps = zeroRuns(y);
        // Leading margin, then the gaps between the four bursts, then the trailing margin.
        assertEquals(5, gaps.size(), gaps::toString);
        assertEquals(margin, gaps.getFirst(), 2);
        assertEquals(2 * margin + cfg.pauseSamples(false), gaps.get(1), 2);
        // The silent segment adds no audio, but its paragraph end makes the pause before the next one longer.
        assertEquals(2 * margin + cfg.pauseSamples(true), gaps.get(2), 2);
        assertEquals(2 * margin + cfg.pauseSamples(false), gaps.get(3), 2);
        assertEquals(margin, gaps.getLast(), 2);
    }

    /** Lengths of the runs of exact zeros, including a leading and a trailing one. */
    private static List<Integer> zeroRuns(float[] y) {
        List<Integer> runs = new ArrayList<>();
        int run = 0;
        boolean leading = true;
        for (float v : y) {
            if (v == 0f) {
                run++;
            } else {
                if (run > 0 || leading) {
                    if (run > ms(20) || leading) {
                        runs.add(run);
                    }
                }
                run = 0;
                leading = false;
            }
        }
        runs.add(run);
        return runs;
    }

    @Test
    void loudnessFollowsTheFirstSegmentOrAFixedTarget() {
        double[] amps = {0.05, 0.4, 0.1, 0.25, 0.02};
        List<float[]> segs = new ArrayList<>();
        for (int i = 0; i < amps.length; i++) {
            segs.add(concat(silence(0.1), add(tone(200 + 90 * i, amps[i], 0.6, i), noise(amps[i] / 4, 0.6, i)),
                    silence(0.1)));
        }
        List<Boolean> flags = List.of(false, false, false, false, false);
        JoinConfig running = JoinConfig.defaults(SR).withLoudness(true, OptionalDouble.empty(), 24, 24);
        List<Double> levels = bodyLevels(running, segs, flags);
        for (double l : levels) {
            assertEquals(levels.getFirst(), l, LOUDNESS_TOLERANCE_DB, levels::toString);
        }
        JoinConfig fixed = running.withLoudness(true, OptionalDouble.of(-20), 24, 24);
        for (double l : bodyLevels(fixed, segs, flags)) {
            assertEquals(-20, l, LOUDNESS_TOLERANCE_DB);
        }
        // Without matching, the levels stay as far apart as they came in (the check above is not vacuous).
        List<Double> raw = bodyLevels(running.withLoudness(false, OptionalDouble.empty(), 24, 24), segs, flags);
        assertTrue(raw.get(1) - raw.get(0) > 15, raw::toString);
    }

    private static List<Double> bodyLevels(JoinConfig cfg, List<float[]> segs, List<Boolean> flags) {
        List<SegmentReport> reports = new ArrayList<>();
        float[] y = join(cfg, segs, flags, reports);
        List<Double> out = new ArrayList<>();
        for (Placed p : layout(cfg, reports, flags)) {
            out.add(Signals.rmsDb(y, p.start() + ms(60), p.end() - ms(60)));
        }
        return out;
    }

    @Test
    void gainNeverPushesPeaksPastTheCeiling() {
        float[] loud = tone(300, 0.5, 0.5, 0);
        float[] spiky = tone(300, 0.02, 0.5, 0);
        spiky[10_000] = 0.9f;
        JoinConfig cfg = JoinConfig.defaults(SR).withPeakCeiling(0.95);
        List<SegmentReport> reports = new ArrayList<>();
        float[] y = join(cfg, List.of(loud, spiky), List.of(false, false), reports);
        assertTrue(Signals.peak(y) <= 0.95 + 1e-6, "peak " + Signals.peak(y));
        assertTrue(reports.get(1).gainDb() < 0.5, "the spike limits the boost: " + reports.get(1));
        float[] hot = tone(300, 1.0, 0.5, 0);
        assertTrue(Signals.peak(join(cfg, List.of(hot), List.of(false), new ArrayList<>())) <= 0.95 + 1e-6);
    }

    @Test
    void aGivenLoudnessFunctionIsTheMeasure() {
        // A peak meter instead of RMS: segments end up with equal peaks, whatever their RMS.
        AtomicInteger calls = new AtomicInteger();
        java.util.function.ToDoubleFunction<float[]> peakDb = x -> {
            calls.incrementAndGet();
            return 20 * Math.log10(Signals.peak(x));
        };
        List<float[]> segs = List.of(tone(200, 0.2, 0.4, 0), noise(0.02, 0.4, 5), tone(900, 0.05, 0.4, 0));
        SegmentJoiner.Collector out = new SegmentJoiner.Collector();
        JoinConfig cfg = JoinConfig.defaults(SR).withLoudness(true, OptionalDouble.of(-12), 30, 30);
        SegmentJoiner j = new SegmentJoiner(cfg, peakDb, out);
        List<SegmentReport> reports = new ArrayList<>();
        for (float[] s : segs) {
            reports.add(j.add(s, false));
        }
        j.finish();
        assertEquals(3, calls.get());
        float[] y = out.toArray();
        for (Placed p : layout(cfg, reports, List.of(false, false, false))) {
            double peak = Signals.peak(java.util.Arrays.copyOfRange(y, p.start(), p.end()));
            assertEquals(-12, 20 * Math.log10(peak), 0.1);
        }
    }

    @Test
    void streamsEachSegmentAsSoonAsItIsFinal() {
        Random rnd = new Random(11);
        for (JoinConfig cfg : List.of(JoinConfig.defaults(SR), JoinConfig.defaults(SR).withPauses(0, 0))) {
            List<float[]> segs = new ArrayList<>();
            List<Boolean> flags = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                float[] body = i % 3 == 0 ? noise(0.01 + 0.1 * rnd.nextDouble(), 0.1 + 0.3 * rnd.nextDouble(), i)
                        : tone(100 + 800 * rnd.nextDouble(), 0.05 + 0.4 * rnd.nextDouble(),
                        0.1 + 0.3 * rnd.nextDouble(), 6 * rnd.nextDouble());
                segs.add(i % 7 == 0 ? concat(silence(0.1), body, silence(0.2)) : body);
                flags.add(i % 5 == 4);
            }
            SegmentJoiner.Collector out = new SegmentJoiner.Collector();
            SegmentJoiner j = new SegmentJoiner(cfg, out);
            List<SegmentReport> reports = new ArrayList<>();
            for (int i = 0; i < segs.size(); i++) {
                reports.add(j.add(segs.get(i), flags.get(i)));
                Placed last = layout(cfg, reports, flags.subList(0, i + 1)).getLast();
                // All of this segment but its held tail has reached the sink.
                assertEquals(last.end(), j.emittedSamples() + j.heldSamples());
                assertTrue(j.heldSamples() <= cfg.crossfadeSamples());
            }
            j.finish();
            assertEquals(0, j.heldSamples());
            assertArrayEquals(promised(cfg, segs, reports, flags), out.toArray(), 1e-6f);
            assertEquals(List.of(), clicks(out.toArray(), layout(cfg, reports, flags)));
            assertThrows(IllegalStateException.class, () -> j.add(segs.getFirst(), false));
        }
    }

    @Test
    void trimmingKeepsSoftOnsetsAndReleases() {
        JoinConfig cfg = JoinConfig.defaults(SR);
        int lead = ms(300);
        float[] breath = noise(0.3 * Math.pow(10, -55 / 20.0), 0.1, 1);
        float[] onset = noise(0.3 * Math.pow(10, -30 / 20.0), 0.04, 2);
        float[] vowel = tone(250, 0.3 * Math.sqrt(2), 0.5, 0);
        float[] release = noise(0.3 * Math.pow(10, -35 / 20.0), 0.15, 3);
        float[] seg = concat(silence(0.1), breath, silence(0.1), onset, vowel, release, silence(0.4));
        SilenceTrimmer.Range r = SilenceTrimmer.find(seg, cfg);
        int onsetAt = lead;
        int releaseEnd = lead + onset.length + vowel.length + release.length;
        assertTrue(r.from() <= onsetAt - cfg.marginSamples() + ms(1) && r.from() >= onsetAt - cfg.marginSamples() - 1,
                "kept from " + r.from() + ", onset at " + onsetAt);
        assertTrue(r.to() >= releaseEnd + cfg.marginSamples() - ms(1) && r.to() <= releaseEnd + cfg.marginSamples(),
                "kept to " + r.to() + ", release ends at " + releaseEnd);
        assertTrue(SilenceTrimmer.find(silence(1.0), cfg).isEmpty());
        assertTrue(SilenceTrimmer.find(noise(1e-4, 1.0, 4), cfg).isEmpty(), "noise below the floor is silence");
        assertFalse(SilenceTrimmer.find(noise(1e-2, 1.0, 4), cfg).isEmpty());
    }

    @Test
    void equalPowerFades() {
        for (int n : new int[] {1, 7, 220}) {
            for (int k = 0; k < n; k++) {
                double in = Fades.in(k, n);
                double out = Fades.out(k, n);
                assertEquals(1.0, in * in + out * out, 1e-6);
            }
            assertTrue(Fades.in(0, n) <= Fades.in(n - 1, n));
        }
    }

    @Test
    void configIsValidated() {
        JoinConfig d = JoinConfig.defaults(SR);
        assertThrows(IllegalArgumentException.class, () -> d.withPauses(-0.1, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.withPauses(0.5, 0.2));
        assertTrue(e.getMessage().contains("paragraph pause"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.withCrossfadeMs(-1));
        assertThrows(IllegalArgumentException.class, () -> d.withTrim(true, 3, 40));
        assertThrows(IllegalArgumentException.class, () -> d.withLoudness(true, OptionalDouble.of(Double.NaN), 6, 6));
        assertThrows(IllegalArgumentException.class, () -> d.withPeakCeiling(1.5));
        assertThrows(IllegalArgumentException.class, () -> JoinConfig.defaults(0));
    }
}
