package dev.zonos4j.model.dac;

import dev.zonos4j.tensor.CpuClock;
import dev.zonos4j.tensor.Signal;
import java.util.ArrayList;
import java.util.List;

/**
 * A sequence of stages run over a window: lengths are propagated forward, the window each stage must produce is
 * planned backward from the requested output, then the stages run forward. Values inside every planned window
 * depend only on values inside the previous one (or on zero padding at a true sequence end), so a chunk computed
 * this way equals the same samples of a one-shot run.
 */
final class StageChain {
    private final List<Stage> stages = new ArrayList<>();
    private final List<String> probeNames = new ArrayList<>();

    /** Appends a stage; {@code probeName} (or null) names its output for {@link Probe}s. */
    StageChain add(Stage stage, String probeName) {
        stages.add(stage);
        probeNames.add(probeName);
        return this;
    }

    StageChain add(Stage stage) {
        return add(stage, null);
    }

    int size() {
        return stages.size();
    }

    String label(int i) {
        return stages.get(i).label();
    }

    int outLength(int inLength) {
        return outLength(inLength, 0, stages.size());
    }

    /** Length after stages [from, to) for an input of {@code inLength} entering stage {@code from}. */
    int outLength(int inLength, int from, int to) {
        int n = inLength;
        for (int i = from; i < to; i++) {
            n = stages.get(i).outLength(n);
        }
        return n;
    }

    /** The input window needed to compute output window {@code out} of an input of {@code inLength}. */
    Span needs(Span out, int inLength) {
        return needs(out, inLength, 0, stages.size());
    }

    /** The same for stages [from, to), {@code inLength} being the length entering stage {@code from}. */
    Span needs(Span out, int inLength, int from, int to) {
        return plan(out, inLength, from, to)[0];
    }

    private Span[] plan(Span out, int inLength, int from, int to) {
        int n = to - from;
        int[] lengths = new int[n + 1];
        lengths[0] = inLength;
        for (int i = 0; i < n; i++) {
            lengths[i + 1] = stages.get(from + i).outLength(lengths[i]);
        }
        if (!new Span(0, lengths[n]).contains(out)) {
            throw new IllegalArgumentException("output window " + out + " outside [0, " + lengths[n] + ")");
        }
        Span[] spans = new Span[n + 1];
        spans[n] = out;
        for (int i = n - 1; i >= 0; i--) {
            spans[i] = stages.get(from + i).needs(spans[i + 1], lengths[i]);
        }
        return spans;
    }

    /**
     * Runs all stages to produce output window {@code out}; {@code x}'s window must be {@link #needs}{@code (out)}.
     * Returns the workspace signal holding the output.
     */
    Signal run(Signal x, Span out, int inLength, Workspace ws, Probe probe) {
        return run(x, out, inLength, ws, probe, 0, stages.size());
    }

    /** Runs stages [from, to); {@code inLength} is the length entering stage {@code from}. */
    Signal run(Signal x, Span out, int inLength, Workspace ws, Probe probe, int from, int to) {
        Span[] spans = plan(out, inLength, from, to);
        if (x.start() != spans[0].start() || x.length() != spans[0].length()) {
            throw new IllegalArgumentException("input window [" + x.start() + ", " + x.end() + ") but the chain needs "
                    + spans[0]);
        }
        Signal cur = x;
        boolean timed = ws.stageNanos != null && ws.stageNanos.length == stages.size();
        for (int i = from; i < to; i++) {
            Stage stage = stages.get(i);
            Span target = spans[i - from + 1];
            if (probe != null) {
                stage.probeInput(cur, ws, probe);
            }
            long t0 = timed ? CpuClock.processNanos() : 0;
            cur = stage.forward(cur, target, ws);
            if (timed) {
                ws.stageNanos[i] += CpuClock.processNanos() - t0;
                ws.stageMacs[i] += stage.macsPerSample() * target.length();
            }
            if (probe != null && probeNames.get(i) != null) {
                probe.record(probeNames.get(i), cur);
            }
        }
        return cur;
    }

    /** Multiply-adds to compute an output from an input of {@code inLength} in one window. */
    long macs(int inLength) {
        long total = 0;
        int n = inLength;
        for (Stage s : stages) {
            n = s.outLength(n);
            total += s.macsPerSample() * n;
        }
        return total;
    }
}
