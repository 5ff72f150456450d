package dev.zonos4j.audio.quality;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zonos4j.audio.join.SampleSink;
import java.util.Arrays;

/**
 * The waveform overview of a joined stream: the smallest and largest sample per 1/P s, with
 * P = min(100, floor(20000 / seconds)) and at least 1, so a two-hour run gives a few thousand points.
 *
 * <p>The length is known only at the end, so it keeps min/max over fine buckets (10 ms to start with) and merges
 * neighbours in pairs whenever there are more than {@value #MAX_FINE}; at the end each output bucket takes the
 * fine buckets that overlap it (exact while P divides the fine rate, off by at most one fine bucket otherwise).
 */
public final class Envelope implements SampleSink {
    static final int MAX_POINTS_PER_SECOND = 100;
    static final int POINT_BUDGET = 20_000;
    private static final int MAX_FINE = 2 * POINT_BUDGET;

    private final int sampleRate;
    private long bucketSamples;
    private float[] min = new float[1024];
    private float[] max = new float[1024];
    private int buckets;
    private long samples;

    public Envelope(int sampleRate) {
        this.sampleRate = sampleRate;
        this.bucketSamples = Math.max(1, sampleRate / MAX_POINTS_PER_SECOND);
    }

    @Override
    public void write(float[] y, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            int b = (int) (samples / bucketSamples);
            if (b >= buckets) {
                if (b >= MAX_FINE) {
                    halve();
                    b = (int) (samples / bucketSamples);
                }
                grow(b + 1);
                for (int k = buckets; k <= b; k++) {
                    min[k] = Float.POSITIVE_INFINITY;
                    max[k] = Float.NEGATIVE_INFINITY;
                }
                buckets = b + 1;
            }
            min[b] = Math.min(min[b], y[i]);
            max[b] = Math.max(max[b], y[i]);
            samples++;
        }
    }

    /** Points per second for a run of this length. */
    public static int pointsPerSecond(double seconds) {
        if (!(seconds > 0)) {
            return MAX_POINTS_PER_SECOND;
        }
        return (int) Math.max(1, Math.min(MAX_POINTS_PER_SECOND, Math.floor(POINT_BUDGET / seconds)));
    }

    /** {"points_per_second": P, "min": [...], "max": [...]}, values rounded to 1e-4. */
    public ObjectNode toJson() {
        double seconds = samples / (double) sampleRate;
        int p = pointsPerSecond(seconds);
        int points = (int) Math.ceil(seconds * p - 1e-9);
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("points_per_second", p);
        ArrayNode lo = o.putArray("min");
        ArrayNode hi = o.putArray("max");
        for (int k = 0; k < points; k++) {
            long from = Math.round(k * (double) sampleRate / p);
            long to = Math.min(samples, Math.round((k + 1) * (double) sampleRate / p));
            float a = Float.POSITIVE_INFINITY;
            float b = Float.NEGATIVE_INFINITY;
            for (long f = from / bucketSamples; f < Math.min(buckets, (to + bucketSamples - 1) / bucketSamples); f++) {
                a = Math.min(a, min[(int) f]);
                b = Math.max(b, max[(int) f]);
            }
            lo.add(a <= b ? round(a) : 0);
            hi.add(a <= b ? round(b) : 0);
        }
        return o;
    }

    private static double round(float v) {
        return Math.round(v * 1e4) / 1e4;
    }

    private void halve() {
        int n = (buckets + 1) / 2;
        for (int k = 0; k < n; k++) {
            int j = 2 * k + 1;
            min[k] = j < buckets ? Math.min(min[2 * k], min[j]) : min[2 * k];
            max[k] = j < buckets ? Math.max(max[2 * k], max[j]) : max[2 * k];
        }
        buckets = n;
        bucketSamples *= 2;
    }

    private void grow(int n) {
        if (n > min.length) {
            min = Arrays.copyOf(min, Math.max(2 * min.length, n));
            max = Arrays.copyOf(max, Math.max(2 * max.length, n));
        }
    }
}
