package dev.zonos4j.audio.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zonos4j.audio.join.JoinConfig;
import dev.zonos4j.audio.join.SegmentJoiner;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The join measures and the waveform overview on synthetic audio: tones spliced end to end click (a phase jump
 * at every seam), the same tones crossfaded do not, and the overview of a known signal has its known shape.
 */
class JoinMeasuresTest {
    static final int RATE = 44_100;

    static float[] tone(double hz, double amp, double seconds, double phase) {
        float[] x = new float[(int) Math.round(seconds * RATE)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amp * Math.sin(2 * Math.PI * hz * i / RATE + phase));
        }
        return x;
    }

    static final List<float[]> TONES = List.of(tone(220, 0.3, 0.4, 0.3), tone(587, 0.2, 0.5, 2.2),
            tone(311, 0.4, 0.3, 4.0), tone(450, 0.25, 0.35, 5.5));

    static RunQuality join(JoinConfig cfg, List<float[]> segments, JoinBounds bounds) {
        RunQuality q = new RunQuality(SegmentThresholds.DEFAULTS, bounds, RATE);
        SegmentJoiner joiner = new SegmentJoiner(cfg, q.tap((samples, offset, length) -> { }));
        for (int i = 0; i < segments.size(); i++) {
            q.add(i, new RunQuality.Segment(SegmentMeasures.of(segments.get(i), RATE, 6), Double.NaN, Double.NaN, i, 1));
            q.placed(joiner.add(segments.get(i), false), false);
        }
        joiner.finish();
        q.finish();
        return q;
    }

    @Test
    void aSpliceClicksAndACrossfadeDoesNot() {
        JoinConfig crossfaded = JoinConfig.defaults(RATE).withPauses(0, 0);
        RunQuality.Summary smooth = join(crossfaded, TONES, JoinBounds.DEFAULTS).summary();
        assertEquals(List.of(0, 1, 2), smooth.joins().stream().map(JoinMeasure::afterSegment).toList());
        assertTrue(smooth.joins().stream().allMatch(JoinMeasure::ok), smooth.toJson().get("joins")::toString);

        RunQuality.Summary spliced = join(crossfaded.withCrossfadeMs(0), TONES, JoinBounds.DEFAULTS).summary();
        List<JoinMeasure> joins = spliced.joins();
        assertEquals(3, joins.size());
        for (JoinMeasure j : joins) {
            assertFalse(j.ok(), "a plain splice between tones of other phase clicks: " + j);
            assertTrue(j.sampleStep() > JoinBounds.DEFAULTS.sampleStep() || j.highBandRatio() > JoinBounds.DEFAULTS.highBandRatio());
        }
        // The segment before each click is flagged for it; the last one has no join after it.
        for (int i = 0; i < 3; i++) {
            assertTrue(spliced.segments().get(i).reasons().stream().anyMatch(r -> r.startsWith("click at the join")),
                    spliced.segments().get(i).reasons()::toString);
        }
        assertTrue(spliced.segments().get(3).reasons().stream().noneMatch(r -> r.startsWith("click")));
        // Each join sits where the next tone starts: the previous ones end to end, no pause, no overlap.
        double at = 0;
        for (int i = 0; i < 3; i++) {
            at += TONES.get(i).length / (double) RATE;
            assertEquals(at, joins.get(i).atSeconds(), 1e-4);
        }
    }

    @Test
    void pausedJoinsOfNoisyAndTonalSegmentsAreClean() {
        Random r = new Random(3);
        float[] noise = new float[RATE / 2];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (0.05 * r.nextGaussian());
        }
        List<float[]> segments = new ArrayList<>(TONES);
        segments.add(2, noise);
        RunQuality.Summary s = join(JoinConfig.defaults(RATE), segments, JoinBounds.DEFAULTS).summary();
        assertEquals(4, s.joins().size());
        assertTrue(s.joins().stream().allMatch(JoinMeasure::ok), s.toJson().get("joins")::toString);
    }

    @Test
    void looserBoundsLetTheSplicePass() {
        RunQuality.Summary spliced = join(JoinConfig.defaults(RATE).withPauses(0, 0).withCrossfadeMs(0), TONES,
                new JoinBounds(1e6, 1e12)).summary();
        assertTrue(spliced.joins().stream().allMatch(JoinMeasure::ok));
        assertEquals(1e6, spliced.toJson().get("join_bounds").get("sample_step").asDouble());
        assertEquals(1e6, spliced.toJson().get("thresholds").get("max_join_step").asDouble());
    }

    @Test
    void envelopeOfASineIsItsAmplitude() {
        Envelope e = new Envelope(RATE);
        float[] x = tone(100, 0.5, 2.0, 0);
        e.write(x, 0, x.length);
        ObjectNode o = e.toJson();
        assertEquals(100, o.get("points_per_second").asInt());
        assertEquals(200, o.get("max").size());
        assertEquals(200, o.get("min").size());
        // 10 ms buckets hold a whole period of 100 Hz: each reaches both peaks.
        for (int k = 0; k < 200; k++) {
            assertEquals(0.5, o.get("max").get(k).asDouble(), 1e-3);
            assertEquals(-0.5, o.get("min").get(k).asDouble(), 1e-3);
        }
    }

    @Test
    void envelopeOfALongRunStaysSmall() {
        // 300 s: P = floor(20000 / 300) = 66 points per second, 19,800 points; silence with one loud second at 150 s.
        Envelope e = new Envelope(RATE);
        float[] quiet = new float[RATE];
        float[] loud = new float[RATE];
        java.util.Arrays.fill(loud, 0.8f);
        for (int s = 0; s < 300; s++) {
            float[] x = s == 150 ? loud : quiet;
            e.write(x, 0, x.length);
        }
        ObjectNode o = e.toJson();
        assertEquals(66, o.get("points_per_second").asInt());
        assertEquals(19_800, o.get("max").size());
        int loudPoints = 0;
        for (int k = 0; k < 19_800; k++) {
            double v = o.get("max").get(k).asDouble();
            if (v > 0) {
                loudPoints++;
                assertEquals(0.8, v, 1e-4);
                assertTrue(k >= 150 * 66 - 1 && k <= 151 * 66 + 1, "loud point at " + k);
            }
        }
        assertEquals(66, loudPoints, 2);
    }
}
