package dev.zonos4j.audio.quality;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zonos4j.audio.join.SampleSink;
import dev.zonos4j.audio.join.SegmentReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The quality checks of one run. Segments are added as they are decoded and placed as the joiner emits them; the
 * joined output passes through {@link #tap} on its way to the sink, where the joins and the waveform overview are
 * measured. {@link #summary} judges each segment with what needs its neighbours: the loudness step as the listener
 * hears it (each segment's loudness plus the gain the joiner gave it) and clicks at its joins.
 */
public final class RunQuality {

    /** What one segment brought: its measures, voice and the take kept. */
    public record Segment(SegmentMeasures measures, double voiceSimilarity, double similarityToPrevious, long seed,
                          int takes) {
    }

    /** Everything measured, ready for a report. */
    public record Summary(List<SegmentVerdict> segments, List<JoinMeasure> joins, List<RetryRecord> retries,
                          SegmentThresholds thresholds, JoinBounds joinBounds, ObjectNode envelope,
                          double measureSeconds) {
        public Summary {
            segments = List.copyOf(segments);
            joins = List.copyOf(joins);
            retries = List.copyOf(retries);
        }

        public long flagged() {
            return segments.stream().filter(SegmentVerdict::flagged).count();
        }

        /** The keys of the report this contributes, in the report's order. */
        public ObjectNode toJson() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("segments_flagged", flagged()).put("measure_seconds", measureSeconds);
            o.set("thresholds", thresholdsJson(thresholds, joinBounds));
            o.set("envelope", envelope);
            ArrayNode s = o.putArray("segments");
            segments.forEach(v -> s.add(v.toJson()));
            ArrayNode j = o.putArray("joins");
            joins.forEach(m -> j.add(m.toJson()));
            o.putObject("join_bounds").put("sample_step", joinBounds.sampleStep())
                    .put("high_band_ratio", joinBounds.highBandRatio());
            ArrayNode r = o.putArray("retries");
            retries.forEach(x -> r.add(x.toJson()));
            return o;
        }
    }

    private final SegmentThresholds thresholds;
    private final JoinBounds joinBounds;
    private final SeamMeter seams;
    private final Envelope envelope;
    private final int sampleRate;
    private final TreeMap<Integer, Segment> segments = new TreeMap<>();
    private final TreeMap<Integer, SegmentReport> placed = new TreeMap<>();
    private final TreeMap<Integer, Boolean> paragraphEnds = new TreeMap<>();
    private final List<RetryRecord> retries = new ArrayList<>();
    private long measureNanos;

    public RunQuality(SegmentThresholds thresholds, JoinBounds joinBounds, int sampleRate) {
        this.thresholds = thresholds;
        this.joinBounds = joinBounds;
        this.sampleRate = sampleRate;
        this.seams = new SeamMeter(sampleRate, joinBounds);
        this.envelope = new Envelope(sampleRate);
    }

    public SegmentThresholds thresholds() {
        return thresholds;
    }

    /** A sink that measures the joined output, then hands it to {@code next}. */
    public SampleSink tap(SampleSink next) {
        return (samples, offset, length) -> {
            long t0 = System.nanoTime();
            seams.write(samples, offset, length);
            envelope.write(samples, offset, length);
            addMeasureNanos(System.nanoTime() - t0);
            next.write(samples, offset, length);
        };
    }

    /** Segment {@code index} was decoded and measured. */
    public synchronized void add(int index, Segment segment) {
        segments.put(index, segment);
    }

    /** The joiner placed segment {@code r.index()} in the output; {@code paragraphEnd}: its text ends a paragraph. */
    public synchronized void placed(SegmentReport r, boolean paragraphEnd) {
        long t0 = System.nanoTime();
        placed.put(r.index(), r);
        paragraphEnds.put(r.index(), paragraphEnd);
        seams.placed(r);
        measureNanos += System.nanoTime() - t0;
    }

    public synchronized void retried(RetryRecord r) {
        retries.add(r);
    }

    /** Time spent measuring elsewhere (the segment measures and voice embeddings), counted in the report. */
    public synchronized void addMeasureNanos(long nanos) {
        measureNanos += nanos;
    }

    /** The stream ended: measures the last join. */
    public synchronized void finish() {
        seams.finish();
    }

    /** CPU seconds spent measuring, to compare with generation. */
    public synchronized double measureSeconds() {
        return measureNanos / 1e9;
    }

    public synchronized Summary summary() {
        List<Integer> order = new ArrayList<>(segments.keySet());
        List<JoinMeasure> joins = seams.joins();
        List<SegmentVerdict> out = new ArrayList<>(order.size());
        for (int i = 0; i < order.size(); i++) {
            int index = order.get(i);
            Segment s = segments.get(index);
            double heard = heardLoudness(index);
            double step = Double.NaN;
            for (int j : new int[] {i - 1, i + 1}) {
                if (j >= 0 && j < order.size()) {
                    double d = Math.abs(heard - heardLoudness(order.get(j)));
                    if (Double.isFinite(d)) {
                        step = Double.isNaN(step) ? d : Math.max(step, d);
                    }
                }
            }
            List<String> reasons = new ArrayList<>(
                    thresholds.assess(s.measures(), step, s.voiceSimilarity()).reasons());
            for (JoinMeasure m : joins) {
                if (m.afterSegment() == index && !m.ok()) {
                    reasons.add(String.format(Locale.ROOT, "click at the join after it: step %.2fx, high band %.2fx"
                            + " (at most %.2fx and %.2fx)", m.sampleStep(), m.highBandRatio(), joinBounds.sampleStep(),
                            joinBounds.highBandRatio()));
                }
            }
            SegmentReport r = placed.get(index);
            double start = r == null ? Double.NaN : r.outputStart() / (double) sampleRate;
            double end = r == null ? Double.NaN : r.outputEnd() / (double) sampleRate;
            boolean paragraphStart = index == 0 || paragraphEnds.getOrDefault(index - 1, false);
            out.add(new SegmentVerdict(index, s.measures(), step, start, end, paragraphStart, s.voiceSimilarity(),
                    s.similarityToPrevious(), s.seed(), s.takes(), reasons));
        }
        List<RetryRecord> bySegment = retries.stream().sorted(java.util.Comparator.comparingInt(RetryRecord::segment))
                .toList();
        return new Summary(out, joins, bySegment, thresholds, joinBounds, envelope.toJson(), measureNanos / 1e9);
    }

    /** Loudness as heard: the segment's BS.1770 loudness plus the joiner's gain (silent segments: -∞). */
    private double heardLoudness(int index) {
        SegmentReport r = placed.get(index);
        if (r != null && r.silent()) {
            return Double.NEGATIVE_INFINITY;
        }
        return segments.get(index).measures().loudnessLufs() + (r == null ? 0 : r.gainDb());
    }

    static ObjectNode thresholdsJson(SegmentThresholds t, JoinBounds b) {
        return JsonNodeFactory.instance.objectNode().put("min_rate", t.minPhonemesPerSecond())
                .put("max_rate", t.maxPhonemesPerSecond()).put("min_speech_ratio", t.minSpeechRatio())
                .put("max_silence", t.maxSilenceSeconds()).put("max_segment_clipping", t.maxClippingRatio())
                .put("max_loudness_step", t.maxLoudnessStepLu()).put("min_voice_similarity", t.minVoiceSimilarity())
                .put("max_join_step", b.sampleStep()).put("max_join_high_band", b.highBandRatio());
    }
}
