package dev.zonos4j.engine;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * Continuous batching, shared by every request of a model. One scheduler thread owns the model and all
 * scheduling state; each turn of its loop reads: drop cancelled requests → schedule (prefill at most one
 * sequence) → run (step all active sequences in one pass over the weights) → postprocess (hand on the
 * finished ones in order, restart the rejected ones).
 *
 * <p>One prefill per turn means a sequence starts stepping as soon as it is prefilled, and the other slots
 * fill between steps, so the first audio does not wait for a whole batch of prefills. Until a request's first
 * segment is out, its later segments join only while the steps they widen keep that segment's finish within
 * {@link #FIRST_AUDIO_SLOWDOWN} of its time alone (by the {@link StepCost} learned so far): where batching is
 * nearly free they join at once, where it is not they wait for the first segment's last stretch. Admission is fair
 * across requests: the request with the fewest running sequences goes first (ties: the oldest), and when it
 * waits for shared KV memory, nobody overtakes it, so a one-line request's first segment never queues behind
 * a chapter's remaining segments. Admission is limited per request (its batch size, KV budget, and whether
 * its consumer keeps up) and overall (the batch cap and KV budget). Within a request, jobs are taken from a
 * look-ahead window beyond its oldest unfinished job, preferring the one whose length is closest to what the
 * running sequences have left, so sequences that run together end together; results leave in job order. Jobs
 * are prepared only when they enter that window ({@link #submit(int, IntFunction, Limits, BooleanSupplier,
 * BiConsumer)}), so what a request holds does not grow with the number of its jobs.
 *
 * <p><b>KV memory grows with the sequences.</b> A sequence holds only the KV its positions use so far (its
 * prompt when it starts, a block more every so many steps), not its worst case (its frame cap). The rule, over
 * the running sequences in the order they were admitted (oldest first), with {@code free} the budget minus what
 * they all hold: <em>every sequence's remaining worst case must be covered by {@code free} plus what the
 * sequences admitted before it hold</em> (they return it when they end), i.e. for the k-th,
 * {@code max_k - held_k <= free + held_1 + ... + held_(k-1)}. A new sequence is admitted only if the rule still
 * holds with it added at the end (after taking its prompt's KV); before each step, each sequence that needs a
 * block takes it (oldest first) only if the rule still holds afterwards, and otherwise waits this step out
 * (skipping steps never changes a sequence's codes: batching is ragged, so batch invariance holds). The rule is
 * checked against the shared budget and, for a request's own sequences, against the request's budget.
 *
 * <p>Why this can neither deadlock nor lose a sequence. (1) The rule holds at all times: admission and grants
 * keep it by the check; a sequence that ends (or fails, or is cancelled) removes one term, which adds its holding
 * to {@code free} and takes it out of the sums of the younger ones, so every other inequality keeps its value or
 * gains; a restarted sequence (or one that holds less than its job's start bound) holds {@code d} less, which
 * adds {@code d} to its own remaining need and to {@code free} alike, and to the others' right sides or nothing.
 * (2) The oldest sequence can always take its next block: growing it by {@code g <= max_1 - held_1} lowers
 * {@code free} by {@code g} and raises {@code held_1} by {@code g}, so its own inequality keeps its value, and the
 * younger ones' right sides ({@code free + held_1 + ...}) are unchanged. So each turn steps at least the oldest
 * sequence, which ends after at most its frame cap (times its retries) of steps, and then the next oldest is
 * first. (3) Nothing is ever taken away from a running sequence (no eviction, no recomputation): a sequence that
 * cannot grow waits, holding what it has. (4) A job whose worst case exceeds the budget is refused when its turn
 * comes ({@link KvBudgetException}); any other waiting job is admitted at the latest when nothing runs, since
 * then the rule reduces to its worst case fitting the budget. The invariant is exact in bytes because the model
 * reports what a sequence holds ({@link BatchModel#kvBytes}) and what its next step adds
 * ({@link BatchModel#stepKvBytes}); a model that takes more than that fails the request loudly.
 *
 * <p>Cancellation is a flag: {@link Ticket#cancel} (or an interrupted {@link Ticket#await}) marks the request
 * and the scheduler thread releases its sequences before its next step, so KV accounting is only ever
 * changed by that thread.
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
     * sequences in one step, the most sequences of all requests in one step it took part in, its peak KV (bytes
     * its running sequences held at once), the steps its sequences waited for KV memory, and the most of its jobs
     * prepared but not yet started at once.
     */
    public record Stats(int steps, int sequenceSteps, int peakActive, int peakSharedBatch, long peakReservedBytes,
                        int kvWaits, int peakPrepared) {
    }

    /** How much later than alone a request's first segment may finish because its own later segments joined. */
    public static final double FIRST_AUDIO_SLOWDOWN = 1.25;

    private static final int NONE = -1;
    private static final int BLOCKED = -2;
    private static final int TOO_BIG = -3;

    private final BatchModel<J, S> model;
    private final int maxBatch;
    private final long kvBudgetBytes;
    private final StepCost cost;
    private final List<Request> requests = new ArrayList<>(); // guarded by this
    private final List<Running> active = new ArrayList<>();   // scheduler thread only
    private long held;                                         // scheduler thread only
    private long arrivals;                                     // guarded by this
    private volatile int activeSnapshot;
    private volatile long reservedSnapshot;
    private Thread thread;

    /** A scheduler over {@code model} running at most {@code maxBatch} sequences and {@code kvBudgetBytes} of KV. */
    public Scheduler(BatchModel<J, S> model, int maxBatch, long kvBudgetBytes) {
        this(model, maxBatch, kvBudgetBytes, StepCost.measured(maxBatch));
    }

    /** As above, with the step costs given (tests) rather than measured. */
    public Scheduler(BatchModel<J, S> model, int maxBatch, long kvBudgetBytes, StepCost cost) {
        if (maxBatch < 1 || kvBudgetBytes <= 0) {
            throw new IllegalArgumentException("scheduler needs maxBatch >= 1 and a positive KV budget");
        }
        this.model = model;
        this.maxBatch = maxBatch;
        this.kvBudgetBytes = kvBudgetBytes;
        this.cost = cost;
    }

    private final class Request {
        final int size;
        final IntFunction<J> source;
        final Map<Integer, J> prepared = new HashMap<>(); // in the look-ahead window, not started yet
        final Limits limits;
        final BooleanSupplier ready;
        final BiConsumer<Integer, S> done;
        final long arrival;
        final BitSet started = new BitSet();
        final TreeMap<Integer, S> finished = new TreeMap<>();
        final CompletableFuture<Stats> result = new CompletableFuture<>();
        volatile boolean cancelled;
        int nextToEmit;
        int activeCount;
        long held;
        int steps;
        int sequenceSteps;
        int peakActive;
        int peakShared;
        long peakHeld;
        int kvWaits;
        int peakPrepared;

        Request(int size, IntFunction<J> source, Limits limits, BooleanSupplier ready, BiConsumer<Integer, S> done,
                long arrival) {
            this.size = size;
            this.source = source;
            this.limits = limits;
            this.ready = ready;
            this.done = done;
            this.arrival = arrival;
        }

        void record(int sharedBatch, int own) {
            steps++;
            peakShared = Math.max(peakShared, sharedBatch);
            peakActive = Math.max(peakActive, own);
        }

        Stats stats() {
            return new Stats(steps, sequenceSteps, peakActive, peakShared, peakHeld, kvWaits, peakPrepared);
        }

        /** Job {@code index}, prepared the first time it is asked for (only jobs in the look-ahead window are). */
        J job(int index) {
            J j = prepared.get(index);
            if (j == null) {
                j = source.apply(index);
                prepared.put(index, j);
                peakPrepared = Math.max(peakPrepared, prepared.size());
            }
            return j;
        }
    }

    private final class Running {
        final Request request;
        final int index;
        final J job;
        final S sequence;
        final long maxBytes;
        long held;
        int framesDone;
        double spentNanos; // by the step costs, for the first-audio rule

        Running(Request request, int index, J job, S sequence, long maxBytes) {
            this.request = request;
            this.index = index;
            this.job = job;
            this.sequence = sequence;
            this.maxBytes = maxBytes;
        }

        int framesLeft() {
            return Math.max(0, model.expectedFrames(job) - framesDone);
        }
    }

    /** A submitted request. */
    public final class Ticket {
        private final Request request;

        private Ticket(Request request) {
            this.request = request;
        }

        /** Asks the scheduler thread to drop this request and free its KV before its next step. */
        public void cancel() {
            request.cancelled = true;
            synchronized (Scheduler.this) {
                Scheduler.this.notifyAll();
            }
        }

        public boolean isDone() {
            return request.result.isDone();
        }

        /**
         * Waits until every job was handed over and returns the request's statistics; rethrows the first
         * failure ({@link CancellationException} when cancelled). When the waiting thread is interrupted, the
         * request is cancelled and this returns only once the scheduler has released it.
         */
        public Stats await() {
            try {
                Stats stats = unwrap(request.result::get);
                if (Thread.interrupted()) {
                    // get() returns a result that raced the interrupt; the caller still asked to stop
                    throw new InterruptedException();
                }
                return stats;
            } catch (InterruptedException e) {
                cancel();
                try {
                    unwrap(request.result::join);
                } catch (RuntimeException | InterruptedException ignored) {
                    // The request ends as cancelled; what it ended with does not matter any more.
                }
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while speaking");
            }
        }
    }

    private interface Wait<T> {
        T get() throws InterruptedException, ExecutionException;
    }

    private static <T> T unwrap(Wait<T> wait) throws InterruptedException {
        try {
            return wait.get();
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Runs every job of one request, batched with whatever else is running, and hands each finished sequence to
     * {@code done} in job order (on the scheduler thread). A sequence's KV memory is released as soon as it
     * finishes; its result stays readable. Returns when all were handed over; rethrows the first failure.
     */
    public Stats run(List<J> jobs, Limits limits, BiConsumer<Integer, S> done) {
        return submit(jobs, limits, () -> true, done).await();
    }

    /**
     * Queues one request and returns at once. New jobs of the request start only while {@code ready} says its
     * consumer keeps up (asked on the scheduler thread), so {@code done} need never block the shared thread.
     */
    public Ticket submit(List<J> jobs, Limits limits, BooleanSupplier ready, BiConsumer<Integer, S> done) {
        List<J> copy = List.copyOf(jobs);
        return submit(copy.size(), copy::get, limits, ready, done);
    }

    /**
     * As above, for {@code count} jobs made by {@code prepare} (on the scheduler thread, once each) only when they
     * enter the request's look-ahead window: at most {@link Limits#lookahead()} are prepared and not yet started at
     * once, whatever {@code count} is. A job that fails to prepare fails the request.
     */
    public Ticket submit(int count, IntFunction<J> prepare, Limits limits, BooleanSupplier ready, BiConsumer<Integer, S> done) {
        Request r;
        synchronized (this) {
            r = new Request(count, prepare, limits, ready, done, arrivals++);
            if (count == 0) {
                r.result.complete(r.stats());
                return new Ticket(r);
            }
            requests.add(r);
            if (thread == null) {
                thread = Thread.ofPlatform().name("zonos-scheduler").daemon(true).start(this::loop);
            }
            notifyAll();
        }
        return new Ticket(r);
    }

    /** Sequences being decoded now, over all requests. */
    public int activeSequences() {
        return activeSnapshot;
    }

    /** KV bytes held by running sequences now. */
    public long reservedBytes() {
        return reservedSnapshot;
    }

    /** Requests submitted and not yet done. */
    public synchronized int pendingRequests() {
        return requests.size();
    }

    private void loop() {
        while (true) {
            List<Request> current;
            synchronized (this) {
                while (requests.isEmpty()) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                current = new ArrayList<>(requests);
            }
            for (Request r : current) {
                if (r.cancelled) {
                    fail(r, new CancellationException("speech request cancelled"));
                }
            }
            boolean admitted = admit(current);
            if (!active.isEmpty()) {
                if (step()) {
                    postprocess();
                }
            } else if (!admitted) {
                idle();
            }
            activeSnapshot = active.size();
            reservedSnapshot = held;
        }
    }

    /** Nothing can run now (every request waits for its consumer): sleep until something changes. */
    private synchronized void idle() {
        try {
            wait(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts (prefills) at most one sequence, for the request that deserves it most; true when one started. */
    private boolean admit(List<Request> current) {
        if (active.size() >= maxBatch) {
            return false;
        }
        List<Request> order = new ArrayList<>(current);
        order.sort(Comparator.<Request>comparingInt(q -> q.activeCount).thenComparingLong(q -> q.arrival));
        for (Request r : order) {
            if (r.result.isDone() || r.activeCount >= r.limits.maxBatch() || !ready(r) || firstSegmentNeedsRoom(r)) {
                continue;
            }
            int pick;
            try {
                pick = choose(r);
            } catch (RuntimeException | Error e) {
                fail(r, e);
                continue;
            }
            if (pick == TOO_BIG) {
                long need = model.maxKvBytes(r.job(r.nextToEmit));
                fail(r, new KvBudgetException(r.nextToEmit, need, Math.min(r.limits.kvBudgetBytes(), kvBudgetBytes)));
                continue;
            }
            if (pick == BLOCKED) {
                return false; // it waits for memory to free; nobody overtakes it
            }
            if (pick == NONE) {
                continue;
            }
            J job = r.prepared.remove(pick);
            long max = model.maxKvBytes(job);
            long start = model.startKvBytes(job);
            r.started.set(pick);
            S seq;
            long p0 = System.nanoTime();
            try {
                seq = model.start(job);
            } catch (RuntimeException | Error e) {
                fail(r, e);
                return false;
            }
            cost.observePrefill(System.nanoTime() - p0);
            for (Running x : active) {
                x.spentNanos += cost.prefillNanos(); // running sequences waited for this prefill
            }
            Running run = new Running(r, pick, job, seq, max);
            active.add(run);
            r.activeCount++;
            try {
                hold(run, model.kvBytes(seq), start);
            } catch (RuntimeException | Error e) {
                fail(r, e);
                return false;
            }
            return true;
        }
        return false;
    }

    /**
     * Whether one more sequence of {@code r} would slow its running first segment past
     * {@link #FIRST_AUDIO_SLOWDOWN} of its time alone: spent so far (its steps and the prefills it waited for),
     * plus one more prefill and the frames it has left at the wider batch's step cost, against its expected
     * frames at the cost of a batch of one.
     */
    private boolean firstSegmentNeedsRoom(Request r) {
        if (r.nextToEmit > 0) {
            return false;
        }
        Running first = null;
        for (Running x : active) {
            if (x.request == r && x.index == 0) {
                first = x;
            }
        }
        if (first == null || first.framesDone >= model.expectedFrames(first.job)) {
            return false; // not running, or past what was expected of it: holding back no longer predicts anything
        }
        double alone = cost.nanos(1);
        double wider = cost.nanos(active.size() + 1);
        if (Double.isNaN(alone) || Double.isNaN(wider)) {
            return true;
        }
        double finish = first.spentNanos + cost.prefillNanos() + first.framesLeft() * wider;
        return finish > FIRST_AUDIO_SLOWDOWN * model.expectedFrames(first.job) * alone;
    }

    private boolean ready(Request r) {
        try {
            return r.ready.getAsBoolean();
        } catch (RuntimeException e) {
            fail(r, e);
            return false;
        }
    }

    /**
     * Decodes one frame of every active sequence that has the KV memory for it (the oldest always has: see the
     * class comment); false when the model failed (its requests are failed).
     */
    private boolean step() {
        List<Running> stepping = new ArrayList<>(active.size());
        for (Running r : new ArrayList<>(active)) {
            if (r.request.result.isDone()) {
                continue; // failed a moment ago: its sequences are released
            }
            try {
                long grow = model.stepKvBytes(r.sequence);
                if (grow == 0 || grant(r, grow)) {
                    stepping.add(r);
                } else {
                    r.request.kvWaits++;
                }
            } catch (RuntimeException | Error e) {
                fail(r.request, e);
            }
        }
        stepping.removeIf(r -> r.request.result.isDone());
        if (stepping.isEmpty()) {
            if (!active.isEmpty()) {
                IllegalStateException e = new IllegalStateException("no running sequence could take KV memory for its next"
                        + " step; the admission rule was broken");
                for (Running r : new ArrayList<>(active)) {
                    fail(r.request, e);
                }
            }
            return false;
        }
        List<S> batch = new ArrayList<>(stepping.size());
        for (Running r : stepping) {
            batch.add(r.sequence);
        }
        long t0 = System.nanoTime();
        try {
            model.step(batch);
        } catch (RuntimeException | Error e) {
            for (Running r : new ArrayList<>(active)) {
                fail(r.request, e);
            }
            return false;
        }
        cost.observe(stepping.size(), System.nanoTime() - t0);
        double stepCost = cost.nanos(stepping.size());
        for (Running r : active) {
            r.spentNanos += stepCost; // a sequence that waited for memory waited this long too
        }
        List<Request> touched = new ArrayList<>();
        for (Running r : stepping) {
            r.framesDone++;
            if (!touched.contains(r.request)) {
                touched.add(r.request);
                int own = 0;
                for (Running x : stepping) {
                    own += x.request == r.request ? 1 : 0;
                }
                r.request.record(stepping.size(), own);
            }
            r.request.sequenceSteps++;
        }
        for (Running r : stepping) {
            long now = model.kvBytes(r.sequence); // a sequence that ended may have given its memory back already
            if (now > r.held && !r.request.result.isDone()) {
                fail(r.request, new IllegalStateException("a sequence holds " + now + " bytes of KV, more than the "
                        + r.held + " bytes it was granted"));
            }
        }
        return true;
    }

    /** Grants {@code r} the {@code grow} more bytes of KV its next step takes, if the rule still holds with them. */
    private boolean grant(Running r, long grow) {
        if (r.held + grow > r.maxBytes) {
            throw new IllegalStateException("a sequence would hold " + (r.held + grow) + " bytes of KV, more than the "
                    + r.maxBytes + " its job may hold at most");
        }
        if (!safe(null, kvBudgetBytes, r, grow, 0, 0) || !safe(r.request, r.request.limits.kvBudgetBytes(), r, grow, 0, 0)) {
            return false;
        }
        hold(r, r.held + grow, r.held + grow);
        return true;
    }

    /** Records that {@code r} holds {@code bytes} of KV now, which must not exceed the {@code granted} bytes. */
    private void hold(Running r, long bytes, long granted) {
        if (bytes > granted) {
            throw new IllegalStateException("a sequence holds " + bytes + " bytes of KV, more than the " + granted
                    + " bytes it was granted");
        }
        r.request.held += bytes - r.held;
        held += bytes - r.held;
        r.held = bytes;
        r.request.peakHeld = Math.max(r.request.peakHeld, r.request.held);
    }

    /**
     * Whether the admission rule (class comment) holds for the running sequences of {@code scope} (all of them
     * when null) under {@code budget}, with {@code grown} holding {@code grow} bytes more, and with one more
     * sequence at the end that holds {@code newStart} bytes of its worst case {@code newMax} (0, 0: none).
     */
    private boolean safe(Request scope, long budget, Running grown, long grow, long newStart, long newMax) {
        long free = budget - (scope == null ? held : scope.held) - grow - newStart;
        if (free < 0) {
            return false;
        }
        long older = 0; // held by the sequences admitted before this one: free again once they end
        for (Running r : active) {
            if (scope != null && r.request != scope) {
                continue;
            }
            long h = r == grown ? r.held + grow : r.held;
            if (r.maxBytes - h > free + older) {
                return false;
            }
            older += h;
        }
        return newMax - newStart <= free + older;
    }

    /** Restarts rejected sequences, releases finished ones and hands results on in job order. */
    private void postprocess() {
        List<Request> touched = new ArrayList<>();
        List<Map.Entry<Request, Throwable>> failures = new ArrayList<>();
        for (Iterator<Running> it = active.iterator(); it.hasNext(); ) {
            Running r = it.next();
            BatchModel.Outcome outcome;
            try {
                outcome = model.postprocess(r.sequence);
                if (outcome == BatchModel.Outcome.RETRY) {
                    model.restart(r.sequence);
                    hold(r, model.kvBytes(r.sequence), r.held);
                    r.framesDone = 0;
                    r.spentNanos = 0;
                }
            } catch (RuntimeException | Error e) {
                failures.add(Map.entry(r.request, e));
                continue;
            }
            if (outcome == BatchModel.Outcome.DONE) {
                it.remove();
                release(r);
                r.request.finished.put(r.index, r.sequence);
                if (!touched.contains(r.request)) {
                    touched.add(r.request);
                }
            }
        }
        for (Map.Entry<Request, Throwable> f : failures) {
            fail(f.getKey(), f.getValue());
        }
        for (Request q : touched) {
            emit(q);
        }
    }

    private void release(Running r) {
        model.release(r.sequence);
        r.request.activeCount--;
        r.request.held -= r.held;
        held -= r.held;
        r.held = 0;
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
        if (q.nextToEmit == q.size && !q.result.isDone()) {
            synchronized (this) {
                requests.remove(q);
            }
            q.result.complete(q.stats());
        }
    }

    /** Ends a request with an error, giving back the KV memory of its running sequences (scheduler thread only). */
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
        q.prepared.clear();
        activeSnapshot = active.size();
        reservedSnapshot = held;
        q.result.completeExceptionally(e);
    }

    /**
     * The pending job of {@code q} to start next; {@link #NONE}; {@link #BLOCKED} when its next job waits for
     * shared KV; {@link #TOO_BIG} when its next job can never fit.
     */
    private int choose(Request q) {
        if (q.nextToEmit >= q.size) {
            return NONE;
        }
        // The job whose result is due next goes first, so audio keeps flowing out in order.
        if (!q.started.get(q.nextToEmit)) {
            return admissible(q, q.job(q.nextToEmit), q.nextToEmit);
        }
        int target = 0;
        for (Running r : active) {
            target = Math.max(target, r.framesLeft());
        }
        int end = Math.min(q.size, q.nextToEmit + q.limits.lookahead());
        int best = NONE;
        long bestScore = Long.MAX_VALUE;
        for (int i = q.nextToEmit + 1; i < end; i++) {
            if (q.started.get(i) || admissible(q, q.job(i), i) != i) {
                continue;
            }
            long score = Math.abs((long) model.expectedFrames(q.job(i)) - target);
            if (score < bestScore) {
                bestScore = score;
                best = i;
            }
        }
        return best;
    }

    private int admissible(Request q, J job, int index) {
        long max = model.maxKvBytes(job);
        if (max > Math.min(q.limits.kvBudgetBytes(), kvBudgetBytes)) {
            return index == q.nextToEmit ? TOO_BIG : NONE;
        }
        long start = model.startKvBytes(job);
        if (!safe(q, q.limits.kvBudgetBytes(), null, 0, start, max)) {
            return NONE;
        }
        if (!safe(null, kvBudgetBytes, null, 0, start, max)) {
            return q.activeCount == 0 ? BLOCKED : NONE;
        }
        return index;
    }
}
