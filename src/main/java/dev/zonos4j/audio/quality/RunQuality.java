package dev.zonos4j.audio.quality;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The per-segment checks of one run: segments are added as they are decoded (any order, any thread), then
 * {@link #verdicts} judges each with its loudness step to its neighbours, which needs all of them.
 */
public final class RunQuality {

    /** One segment's verdict: its measures, loudness step to its neighbours, and why it was flagged. */
    public record Verdict(int index, SegmentMeasures measures, double loudnessStepLu, List<String> reasons) {
        public boolean flagged() {
            return !reasons.isEmpty();
        }

        public ObjectNode toJson() {
            ObjectNode o = JsonNodeFactory.instance.objectNode().put("index", index);
            o.setAll(measures.toJson());
            SegmentMeasures.putFinite(o, "loudness_step_lu", loudnessStepLu);
            o.put("verdict", flagged() ? "flagged" : "ok");
            o.putArray("reasons").addAll(reasons.stream().map(TextNode::valueOf).toList());
            return o;
        }
    }

    private final SegmentThresholds thresholds;
    private final TreeMap<Integer, SegmentMeasures> segments = new TreeMap<>();
    private long measureNanos;

    public RunQuality(SegmentThresholds thresholds) {
        this.thresholds = thresholds;
    }

    /** Measures segment {@code index} from its decoded audio. */
    public void add(int index, float[] audio, int sampleRate, int phonemes) {
        long t0 = System.nanoTime();
        SegmentMeasures m = SegmentMeasures.of(audio, sampleRate, phonemes);
        synchronized (this) {
            segments.put(index, m);
            measureNanos += System.nanoTime() - t0;
        }
    }

    /** Every segment's verdict, in order. */
    public synchronized List<Verdict> verdicts() {
        List<Integer> order = new ArrayList<>(segments.keySet());
        List<Verdict> out = new ArrayList<>(order.size());
        for (int i = 0; i < order.size(); i++) {
            SegmentMeasures m = segments.get(order.get(i));
            double step = Double.NaN;
            for (int j : new int[] {i - 1, i + 1}) {
                if (j >= 0 && j < order.size()) {
                    double d = Math.abs(m.loudnessLufs() - segments.get(order.get(j)).loudnessLufs());
                    if (Double.isFinite(d)) {
                        step = Double.isNaN(step) ? d : Math.max(step, d);
                    }
                }
            }
            out.add(new Verdict(order.get(i), m, step, thresholds.judge(m, step)));
        }
        return out;
    }

    /** CPU seconds spent measuring, to compare with generation. */
    public synchronized double measureSeconds() {
        return measureNanos / 1e9;
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        List<Verdict> verdicts = verdicts();
        o.put("segments_flagged", verdicts.stream().filter(Verdict::flagged).count());
        o.put("measure_seconds", measureSeconds());
        ArrayNode a = o.putArray("segments");
        verdicts.forEach(v -> a.add(v.toJson()));
        return o;
    }
}
