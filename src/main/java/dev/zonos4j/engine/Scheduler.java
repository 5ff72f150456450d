package dev.zonos4j.engine;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;

/**
 * Continuous batching, shared by every request of a model. One scheduler thread owns the model: every step
 * decodes all active sequences, whatever request they belong to, in one pass over the weights; when one
 * ends, its slot is refilled at once from the pending jobs. Admission is limited per request (its batch size
 * and KV budget) and overall (the scheduler's batch cap and KV budget). Within a request, jobs are taken from a
 * look-ahead window beyond its oldest unfinished job, preferring the one whose length is closest to what the
 * running sequences have left, so sequences that run together end together; results leave in job order, and the
 * window bounds how many finished results wait for an earlier one.
 */
public final class Scheduler<J, S> {

    /** Limits of one request. */
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

    /**
     * What happened to one request: steps it took part in, sequence-steps it used, the most of its own
     * sequences in one step, the most sequences of all requests in one step it took part in, its peak KV.
     */
    public record Stats(int steps, int sequenceSteps, int peakActive, int peakSharedBatch, long peakReservedBytes) {
    }

    private final BatchModel<J, S> model;
    private final int maxBatch;
    private final long kvBudgetBytes;
    private final List<Request> requests = new ArrayList<>();
    private final List<Running> active = new ArrayList<>();
    private long reserved;
    private Thread thread;

    /** A scheduler over {@code model} running at most {@code maxBatch} sequences and {@code kvBudgetBytes} of KV. */
    public Scheduler(BatchModel<J, S> model, int maxBatch, long kvBudgetBytes) {
        if (maxBatch < 1 || kvBudgetBytes <= 0) {
            throw new IllegalArgumentException("scheduler needs maxBatch >= 1 and a positive KV budget");
        }
        this.model = model;
        this.maxBatch = maxBatch;
        this.kvBudgetBytes = kvBudgetBytes;
    }

    private final class Request {
        final List<J> jobs;
        final Limits limits;
        final BiConsumer<Integer, S> done;
        final boolean[] started;
        final TreeMap<Integer, S> finished = new TreeMap<>();
        final CompletableFuture<Stats> result = new CompletableFuture<>();
        int nextToEmit;
        int activeCount;
        long reserved;
        int steps;
        int sequenceSteps;
        int peakActive;
        int peakShared;
        long peakReserved;

        Request(List<J> jobs, Limits limits, BiConsumer<Integer, S> done) {
            this.jobs = jobs;
            this.limits = limits;
            this.done = done;
            this.started = new boolean[jobs.size()];
        }
    }

    private final class Running {
        final Request request;
        final int index;
        final J job;
        final S sequence;
        final long reserved;
        int framesDone;

        Running(Request request, int index, J job, S sequence, long reserved) {
            this.request = request;
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
     * Runs every job of one request, batched with whatever else is running, and hands each finished sequence to
     * {@code done} in job order (on the scheduler thread). A sequence's KV memory is released as soon as it
     * finishes; its result stays readable. Returns when all were handed over; rethrows the first failure.
     */
    public Stats run(List<J> jobs, Limits limits, BiConsumer<Integer, S> done) {
        Request r = new Request(List.copyOf(jobs), limits, done);
        if (jobs.isEmpty()) {
            return new Stats(0, 0, 0, 0, 0);
        }
        synchronized (this) {
            requests.add(r);
            if (thread == null) {
                thread = Thread.ofPlatform().name("zonos-scheduler").daemon(true).start(this::loop);
            }
            notifyAll();
        }
        try {
            return r.result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(r, new IllegalStateException("interrupted while speaking", e));
            throw new IllegalStateException("interrupted while speaking", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void loop() {
        while (true) {
            synchronized (this) {
                while (requests.isEmpty()) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            admit();
            if (!active.isEmpty()) {
                step();
            }
        }
    }

    private void admit() {
        List<Request> snapshot;
        synchronized (this) {
            snapshot = new ArrayList<>(requests);
        }
        for (Request r : snapshot) {
            while (active.size() < maxBatch && r.activeCount < r.limits.maxBatch() && !r.result.isDone()) {
                int pick = choose(r);
                if (pick < 0) {
                    break;
                }
                J job = r.jobs.get(pick);
                long need = model.reserveBytes(job);
                r.started[pick] = true;
                S seq;
                try {
                    seq = model.start(job);
                } catch (RuntimeException | Error e) {
                    fail(r, e);
                    break;
                }
                active.add(new Running(r, pick, job, seq, need));
                r.activeCount++;
                r.reserved += need;
                reserved += need;
                r.peakReserved = Math.max(r.peakReserved, r.reserved);
            }
            if (r.activeCount == 0 && !r.result.isDone() && r.nextToEmit < r.jobs.size() && active.isEmpty()) {
                long need = model.reserveBytes(r.jobs.get(r.nextToEmit));
                fail(r, new IllegalStateException("segment " + r.nextToEmit + " needs " + need
                        + " bytes of KV cache, more than the whole budget of " + Math.min(r.limits.kvBudgetBytes(), kvBudgetBytes) + " bytes"));
            }
        }
    }

    private void step() {
        List<S> batch = new ArrayList<>(active.size());
        for (Running r : active) {
            batch.add(r.sequence);
        }
        try {
            model.step(batch);
        } catch (RuntimeException | Error e) {
            for (Running r : new ArrayList<>(active)) {
                fail(r.request, e);
            }
            return;
        }
        List<Request> touched = new ArrayList<>();
        for (Running r : active) {
            Request q = r.request;
            if (!touched.contains(q)) {
                touched.add(q);
                q.steps++;
                q.peakShared = Math.max(q.peakShared, active.size());
                q.peakActive = Math.max(q.peakActive, q.activeCount);
            }
            q.sequenceSteps++;
        }
        for (Iterator<Running> it = active.iterator(); it.hasNext(); ) {
            Running r = it.next();
            r.framesDone++;
            if (model.finished(r.sequence)) {
                it.remove();
                release(r);
                r.request.finished.put(r.index, r.sequence);
            }
        }
        for (Request q : touched) {
            emit(q);
        }
    }

    private void release(Running r) {
        model.release(r.sequence);
        r.request.activeCount--;
        r.request.reserved -= r.reserved;
        reserved -= r.reserved;
    }

    private void emit(Request q) {
        try {
            while (!q.result.isDone() && !q.finished.isEmpty() && q.finished.firstKey() == q.nextToEmit) {
                q.done.accept(q.nextToEmit, q.finished.pollFirstEntry().getValue());
                q.nextToEmit++;
            }
        } catch (RuntimeException | Error e) {
            fail(q, e);
            return;
        }
        if (q.nextToEmit == q.jobs.size() && !q.result.isDone()) {
            synchronized (this) {
                requests.remove(q);
            }
            q.result.complete(new Stats(q.steps, q.sequenceSteps, q.peakActive, q.peakShared, q.peakReserved));
        }
    }

    /** Ends a request with an error, giving back the KV memory of its running sequences. */
    private void fail(Request q, Throwable e) {
        synchronized (this) {
            requests.remove(q);
        }
        for (Iterator<Running> it = active.iterator(); it.hasNext(); ) {
            Running r = it.next();
            if (r.request == q) {
                it.remove();
                release(r);
            }
        }
        q.finished.clear();
        q.result.completeExceptionally(e);
    }

    /** The pending job of {@code q} to start next, or -1 when none fits now. */
    private int choose(Request q) {
        if (q.nextToEmit >= q.jobs.size()) {
            return -1;
        }
        // The job whose result is due next goes first, so audio keeps flowing out in order.
        if (!q.started[q.nextToEmit]) {
            return fits(q, q.jobs.get(q.nextToEmit)) ? q.nextToEmit : -1;
        }
        int target = 0;
        for (Running r : active) {
            target = Math.max(target, r.framesLeft());
        }
        int end = Math.min(q.jobs.size(), q.nextToEmit + q.limits.lookahead());
        int best = -1;
        long bestScore = Long.MAX_VALUE;
        for (int i = q.nextToEmit + 1; i < end; i++) {
            if (q.started[i] || !fits(q, q.jobs.get(i))) {
                continue;
            }
            long score = Math.abs((long) model.expectedFrames(q.jobs.get(i)) - target);
            if (score < bestScore) {
                bestScore = score;
                best = i;
            }
        }
        return best;
    }

    private boolean fits(Request q, J job) {
        long need = model.reserveBytes(job);
        return q.reserved + need <= q.limits.kvBudgetBytes() && reserved + need <= kvBudgetBytes;
    }
}
