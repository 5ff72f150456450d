package dev.zonos4j.engine;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Continuous batching. Every step decodes all active sequences in one pass over the weights; when one ends,
 * its slot is refilled at once from the pending jobs. Admission is limited by {@code maxBatch} and by a KV
 * memory budget. Jobs are taken from a look-ahead window beyond the oldest unfinished job, preferring the one
 * whose length is closest to what the running sequences have left, so sequences that run together end
 * together; results leave in job order, and the window bounds how many finished results wait for an earlier one.
 */
public final class Scheduler<J, S> {

    /** Limits of one run. */
    public record Limits(int maxBatch, long kvBudgetBytes, int lookahead) {
        public Limits {
            if (maxBatch < 1) {
                throw new IllegalArgumentException("maxBatch must be >= 1, got " + maxBatch);
            }
            if (kvBudgetBytes <= 0) {
                throw new IllegalArgumentException("KV memory budget must be positive, got " + kvBudgetBytes);
            }
            if (lookahead < maxBatch) {
                throw new IllegalArgumentException("lookahead (" + lookahead + ") must be >= maxBatch (" + maxBatch + ")");
            }
        }
    }

    /** What happened during a run, for the summary line and the tests. */
    public record Stats(int steps, int sequenceSteps, int peakActive, long peakReservedBytes) {
    }

    private final BatchModel<J, S> model;
    private final Limits limits;

    public Scheduler(BatchModel<J, S> model, Limits limits) {
        this.model = model;
        this.limits = limits;
    }

    private final class Running {
        final int index;
        final J job;
        final S sequence;
        final long reserved;
        int framesDone;

        Running(int index, J job, S sequence, long reserved) {
            this.index = index;
            this.job = job;
            this.sequence = sequence;
            this.reserved = reserved;
        }

        int framesLeft() {
            return Math.max(0, model.expectedFrames(job) - framesDone);
        }
    }

    /**
     * Runs every job and hands each finished sequence to {@code done} in job order, on this thread.
     * A sequence's KV memory is released as soon as it finishes; its result stays readable.
     */
    public Stats run(List<J> jobs, BiConsumer<Integer, S> done) {
        List<Running> active = new ArrayList<>();
        TreeMap<Integer, Running> finished = new TreeMap<>();
        boolean[] started = new boolean[jobs.size()];
        int nextToEmit = 0;
        long reserved = 0;
        int steps = 0;
        int sequenceSteps = 0;
        int peakActive = 0;
        long peakReserved = 0;
        try {
            while (nextToEmit < jobs.size()) {
                while (active.size() < limits.maxBatch()) {
                    int pick = choose(jobs, started, nextToEmit, active, reserved);
                    if (pick < 0) {
                        break;
                    }
                    J job = jobs.get(pick);
                    long need = model.reserveBytes(job);
                    started[pick] = true;
                    active.add(new Running(pick, job, model.start(job), need));
                    reserved += need;
                }
                if (active.isEmpty()) {
                    throw new IllegalStateException("segment " + nextToEmit + " needs " + model.reserveBytes(jobs.get(nextToEmit))
                            + " bytes of KV cache, more than the whole budget of " + limits.kvBudgetBytes() + " bytes");
                }
                peakActive = Math.max(peakActive, active.size());
                peakReserved = Math.max(peakReserved, reserved);
                List<S> batch = new ArrayList<>(active.size());
                for (Running r : active) {
                    batch.add(r.sequence);
                }
                model.step(batch);
                steps++;
                sequenceSteps += batch.size();
                for (Iterator<Running> it = active.iterator(); it.hasNext(); ) {
                    Running r = it.next();
                    r.framesDone++;
                    if (model.finished(r.sequence)) {
                        it.remove();
                        model.release(r.sequence);
                        reserved -= r.reserved;
                        finished.put(r.index, r);
                    }
                }
                while (!finished.isEmpty() && finished.firstKey() == nextToEmit) {
                    Running r = finished.pollFirstEntry().getValue();
                    done.accept(r.index, r.sequence);
                    nextToEmit++;
                }
            }
        } finally {
            for (Running r : active) {
                model.release(r.sequence);
            }
        }
        return new Stats(steps, sequenceSteps, peakActive, peakReserved);
    }

    /** The pending job to start next, or -1 when none fits now. */
    private int choose(List<J> jobs, boolean[] started, int nextToEmit, List<Running> active, long reserved) {
        int end = Math.min(jobs.size(), nextToEmit + limits.lookahead());
        int target = 0;
        for (Running r : active) {
            target = Math.max(target, r.framesLeft());
        }
        // The job whose result is due next goes first, so audio keeps flowing out in order.
        if (!started[nextToEmit]) {
            return fits(jobs.get(nextToEmit), reserved) ? nextToEmit : -1;
        }
        int best = -1;
        long bestScore = Long.MAX_VALUE;
        for (int i = nextToEmit + 1; i < end; i++) {
            if (started[i]) {
                continue;
            }
            J job = jobs.get(i);
            if (!fits(job, reserved)) {
                continue;
            }
            long score = Math.abs((long) model.expectedFrames(job) - target);
            if (score < bestScore) {
                bestScore = score;
                best = i;
            }
        }
        return best;
    }

    private boolean fits(J job, long reserved) {
        return reserved + model.reserveBytes(job) <= limits.kvBudgetBytes();
    }
}
