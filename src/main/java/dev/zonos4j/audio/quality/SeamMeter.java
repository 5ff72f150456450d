package dev.zonos4j.audio.quality;

import dev.zonos4j.audio.join.SampleSink;
import dev.zonos4j.audio.join.SegmentReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures every join of a joined stream as the join tests do (SegmentJoinerTest): the largest sample step and the
 * largest high-band energy (mean square second difference over 5 ms windows) within 20 ms of the seam, against the
 * largest found inside the two neighbouring segments (25 ms in from their ends, clear of the fades).
 *
 * <p>It sees the output as it streams past and keeps per-millisecond summaries (largest step, sum of squared
 * second differences) only back to the start of the segment before the latest join, so memory stays bounded.
 * Windows are aligned to 1 ms blocks of the stream: the seam span is widened and the interiors narrowed to whole
 * blocks, which errs toward flagging. Single-threaded: the joiner's thread writes and places.
 */
public final class SeamMeter implements SampleSink {
    private static final double EDGE_SECONDS = 0.025;
    private static final double AROUND_SECONDS = 0.020;
    private static final int WINDOW_BLOCKS = 5;
    /** Below these, a neighbour is silent or flat; the floors keep the ratios finite (16-bit steps are ~3e-5). */
    private static final double STEP_FLOOR = 1e-6;
    private static final double BAND_FLOOR = 1e-12;

    private record Placed(int index, long start, long end) {
    }

    private final int sampleRate;
    private final int block;
    private final JoinBounds bounds;
    private final List<JoinMeasure> joins = new ArrayList<>();
    private float[] stepMax = new float[1024];
    private double[] bandSum = new double[1024];
    private long base; // block index of stepMax[0]
    private long samples;
    private float prev;
    private float prev2;
    private Placed last;
    private Placed pendingA;
    private Placed pendingB;
    private boolean finished;

    public SeamMeter(int sampleRate, JoinBounds bounds) {
        this.sampleRate = sampleRate;
        this.block = Math.max(1, (int) Math.round(sampleRate / 1000.0));
        this.bounds = bounds;
    }

    @Override
    public void write(float[] y, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            float x = y[i];
            int slot = slot(samples / block);
            if (samples >= 1) {
                stepMax[slot] = Math.max(stepMax[slot], Math.abs(x - prev));
            }
            if (samples >= 2) {
                double d2 = (double) x - 2.0 * prev + prev2;
                bandSum[slot] += d2 * d2;
            }
            prev2 = prev;
            prev = x;
            samples++;
        }
        measurePending();
    }

    /** Tells where a segment landed in the output (call after the joiner added it). */
    public void placed(SegmentReport r) {
        if (r.silent()) {
            return;
        }
        Placed p = new Placed(r.index(), r.outputStart(), r.outputEnd());
        if (pendingB != null) {
            // A very short segment: its join could not be measured before the next one came; measure what there is.
            measure(pendingA, pendingB);
        }
        if (last != null) {
            pendingA = last;
            pendingB = p;
        }
        last = p;
        measurePending();
    }

    /** The stream has ended: measures the last join with whatever audio there is. */
    public void finish() {
        finished = true;
        if (pendingB != null) {
            measure(pendingA, pendingB);
        }
    }

    public List<JoinMeasure> joins() {
        return List.copyOf(joins);
    }

    private void measurePending() {
        if (pendingB == null) {
            return;
        }
        long seamTo = Math.max(pendingA.end, pendingB.start) + samples(AROUND_SECONDS);
        long needed = Math.max(seamTo + (long) WINDOW_BLOCKS * block, pendingB.end - samples(EDGE_SECONDS));
        if (samples >= needed) {
            measure(pendingA, pendingB);
        }
    }

    private void measure(Placed a, Placed b) {
        pendingA = null;
        pendingB = null;
        long edge = samples(EDGE_SECONDS);
        long around = samples(AROUND_SECONDS);
        long from = Math.min(a.end, b.start) - around;
        long to = Math.max(a.end, b.start) + around;
        double[] inA = peaks(ceilDiv(a.start + edge), Math.floorDiv(a.end - edge, block));
        double[] inB = peaks(ceilDiv(b.start + edge), Math.floorDiv(b.end - edge, block));
        double[] seam = peaks(Math.floorDiv(from, block), ceilDiv(to));
        double step = seam[0] / Math.max(STEP_FLOOR, Math.max(inA[0], inB[0]));
        double band = seam[1] / Math.max(BAND_FLOOR, Math.max(inA[1], inB[1]));
        joins.add(new JoinMeasure(a.index, b.start / (double) sampleRate, step, band,
                step <= bounds.sampleStep() && band <= bounds.highBandRatio()));
        trimBefore(Math.floorDiv(b.start, block));
    }

    /** {largest step, largest 5 ms high-band energy} over the complete blocks [fromBlock, toBlock). */
    private double[] peaks(long fromBlock, long toBlock) {
        long complete = finished ? ceilDiv(samples) : samples / block;
        long lo = Math.max(fromBlock, base);
        long hi = Math.min(toBlock, complete);
        double step = 0;
        double band = 0;
        for (long k = lo; k < hi; k++) {
            step = Math.max(step, stepMax[(int) (k - base)]);
            if (k + WINDOW_BLOCKS <= hi) {
                double e = 0;
                for (long j = k; j < k + WINDOW_BLOCKS; j++) {
                    e += bandSum[(int) (j - base)];
                }
                band = Math.max(band, e / (WINDOW_BLOCKS * block));
            }
        }
        return new double[] {step, band};
    }

    private int slot(long blockIndex) {
        int s = (int) (blockIndex - base);
        if (s >= stepMax.length) {
            int n = Math.max(2 * stepMax.length, s + 1);
            stepMax = Arrays.copyOf(stepMax, n);
            bandSum = Arrays.copyOf(bandSum, n);
        }
        return s;
    }

    /** Forgets blocks before {@code keep}: no later join looks back past the start of the latest segment. */
    private void trimBefore(long keep) {
        int drop = (int) Math.min(Math.max(0, keep - base), samples / block - base);
        if (drop <= 0) {
            return;
        }
        int live = (int) Math.min(stepMax.length, samples / block - base + 1);
        System.arraycopy(stepMax, drop, stepMax, 0, live - drop);
        System.arraycopy(bandSum, drop, bandSum, 0, live - drop);
        Arrays.fill(stepMax, live - drop, live, 0f);
        Arrays.fill(bandSum, live - drop, live, 0.0);
        base += drop;
    }

    private long ceilDiv(long n) {
        return Math.floorDiv(n + block - 1, block);
    }

    private long samples(double seconds) {
        return Math.round(seconds * sampleRate);
    }
}
