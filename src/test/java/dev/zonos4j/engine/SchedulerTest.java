package dev.zonos4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/**
 * The scheduler against a counting model. Nothing here sleeps: where a test needs the scheduler to be at a
 * given point (a request running, a step in progress), the model's step hook blocks on a latch.
 */
class SchedulerTest {

    /**
     * A job that needs {@code frames} steps and holds at most {@code bytes}; {@code tag} names its request. It holds
     * {@code start} bytes once started and {@code unit} more at the first of every {@code every} steps (as KV blocks
     * grow); {@code every} 0 means it holds {@code bytes} from the start (no growth).
     */
    record Job(int frames, long bytes, String tag, long start, long unit, int every) {
        Job(int frames, long bytes, String tag) {
            this(frames, bytes, tag, bytes, 0, 0);
        }

        Job(int frames, long bytes) {
            this(frames, bytes, "");
        }

        Job {
            if (every > 0 && start + unit * ((frames + every - 1) / every) > bytes) {
                throw new IllegalArgumentException("a job that grows past its worst case: " + this);
            }
        }

        /** What it holds once it has taken {@code steps} steps (a step takes its block before it runs). */
        long holds(int steps) {
            return every == 0 ? bytes : start + unit * ((steps + every - 1) / every);
        }
    }

    static final class Seq {
        final Job job;
        int done;
        int attempts;
        long held;
        boolean released;

        Seq(Job job) {
            this.job = job;
        }
    }

    /** Counts what the scheduler does and checks the budget from the model's side. */
    static final class CountingModel implements BatchModel<Job, Seq> {
        final long budget;
        final CountDownLatch firstStart = new CountDownLatch(1);
        /** Called at the start of every step with the step number (from 1), on the scheduler thread. */
        volatile IntConsumer onStep = n -> { };
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        volatile long inUse;
        long peakInUse;
        int maxBatchSeen;
        int steps;
        final List<Seq> all = new ArrayList<>();

        CountingModel(long budget) {
            this.budget = budget;
        }

        public Seq start(Job job) {
            Seq s = new Seq(job);
            s.held = job.holds(0);
            take(s.held);
            all.add(s);
            events.add("start " + job.tag);
            firstStart.countDown();
            return s;
        }

        public void step(List<Seq> active) {
            onStep.accept(++steps);
            events.add("step");
            maxBatchSeen = Math.max(maxBatchSeen, active.size());
            for (Seq s : active) {
                assertTrue(s.done < s.job.frames, "stepped a finished sequence");
                long grow = s.job.holds(s.done + 1) - s.held;
                take(grow);
                s.held += grow;
                s.done++;
            }
        }

        private void take(long bytes) {
            inUse += bytes;
            peakInUse = Math.max(peakInUse, inUse);
            assertTrue(inUse <= budget, "over budget: " + inUse);
        }

        public Outcome postprocess(Seq s) {
            if (s.done < s.job.frames) {
                return Outcome.RUNNING;
            }
            return s.job.tag.equals("retry") && s.attempts == 0 ? Outcome.RETRY : Outcome.DONE;
        }

        public void restart(Seq s) {
            assertTrue(!s.released, "restarted after release");
            s.attempts++;
            s.done = 0;
            inUse -= s.held - s.job.holds(0);
            s.held = s.job.holds(0);
        }

        public void release(Seq s) {
            assertTrue(!s.released, "released twice");
            s.released = true;
            inUse -= s.held;
        }

        public long maxKvBytes(Job job) {
            return job.bytes;
        }

        public long startKvBytes(Job job) {
            return job.holds(0);
        }

        public long kvBytes(Seq s) {
            return s.held;
        }

        public long stepKvBytes(Seq s) {
            return s.job.holds(s.done + 1) - s.held;
        }

        public int expectedFrames(Job job) {
            return job.frames;
        }
    }

    private static List<Job> randomJobs(int n, long seed, String tag) {
        Random r = new Random(seed);
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            jobs.add(new Job(5 + r.nextInt(60), 100 + r.nextInt(400), tag));
        }
        return jobs;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS), "the scheduler did not get there");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void emitsEveryJobInOrderWithinBatchAndBudget() {
        List<Job> jobs = randomJobs(40, 1, "a");
        CountingModel model = new CountingModel(1500);
        List<Integer> order = new ArrayList<>();
        Scheduler.Stats stats = new Scheduler<>(model, 32, 1500, StepCost.flat()).run(jobs, new Scheduler.Limits(4, 1500, 12), (i, s) -> {
            assertEquals(jobs.get(i).frames, s.done);
            order.add(i);
        });
        for (int i = 0; i < jobs.size(); i++) {
            assertEquals(i, order.get(i));
        }
        assertTrue(model.maxBatchSeen <= 4 && model.maxBatchSeen >= 2, "batch " + model.maxBatchSeen);
        assertTrue(model.peakInUse <= 1500);
        assertEquals(0, model.inUse, "all KV memory returned");
        int totalFrames = jobs.stream().mapToInt(Job::frames).sum();
        assertEquals(totalFrames, stats.sequenceSteps());
        assertTrue(stats.steps() < totalFrames / 2, "batching should need far fewer steps: " + stats.steps());
    }

    @Test
    void theFirstSegmentStepsAsSoonAsItIsPrefilledAndTheOthersArePrefilledBetweenSteps() {
        CountingModel model = new CountingModel(10_000);
        new Scheduler<>(model, 8, 10_000, StepCost.flat()).run(randomJobs(6, 4, "a"), new Scheduler.Limits(4, 10_000, 8), (i, s) -> { });
        assertEquals(List.of("start a", "step", "start a", "step", "start a", "step", "start a", "step", "step"),
                model.events.subList(0, 9));
    }

    @Test
    void whereBatchingCostsTheFirstSegmentIsNotSlowedPastItsBound() {
        CountingModel model = new CountingModel(10_000);
        List<Integer> batchPerStep = new ArrayList<>();
        int[] firstDoneAtStep = {-1};
        model.onStep = n -> { };
        // Steps cost as much as their batch is wide: the pessimistic case, where batching saves nothing.
        StepCost linear = new StepCost() {
            public double nanos(int batch) {
                return batch;
            }

            public void observe(int batch, long nanos) {
                batchPerStep.add(batch);
            }
        };
        List<Job> jobs = List.of(new Job(40, 100, "a"), new Job(40, 100, "a"), new Job(40, 100, "a"), new Job(40, 100, "a"));
        new Scheduler<>(model, 8, 10_000, linear).run(jobs, new Scheduler.Limits(4, 10_000, 8), (i, s) -> {
            if (i == 0) {
                firstDoneAtStep[0] = batchPerStep.size();
            }
        });
        // Alone it takes 40 steps of cost 1; the others may join only while it still ends within 1.25 x 40.
        int cost = batchPerStep.subList(0, firstDoneAtStep[0]).stream().mapToInt(Integer::intValue).sum();
        assertTrue(cost <= 50, "first segment's steps cost " + cost + " > 1.25 x alone");
        assertTrue(batchPerStep.subList(0, firstDoneAtStep[0]).stream().anyMatch(b -> b > 1),
                "the others still join before it ends: " + batchPerStep);
        assertEquals(30, batchPerStep.indexOf(2), "the second segment joins after 30 of the first's 40 steps");
    }

    @Test
    void concurrentRequestsShareStepsWithinTheSharedBudget() throws Exception {
        CountingModel model = new CountingModel(2000);
        Scheduler<Job, Seq> scheduler = new Scheduler<>(model, 6, 2000, StepCost.flat());
        List<Job> a = randomJobs(12, 5, "a");
        List<Job> b = randomJobs(12, 6, "b");
        CountDownLatch bSubmitted = new CountDownLatch(1);
        // Step 3 of a waits until b is queued, so b certainly arrives while a is running.
        model.onStep = n -> {
            if (n == 3) {
                await(bSubmitted);
            }
        };
        Scheduler<Job, Seq>.Ticket ta = scheduler.submit(a, new Scheduler.Limits(4, 2000, 12), () -> true,
                (i, s) -> assertEquals(a.get(i).frames, s.done));
        await(model.firstStart);
        Scheduler<Job, Seq>.Ticket tb = scheduler.submit(b, new Scheduler.Limits(1, 2000, 4), () -> true,
                (i, s) -> assertEquals(b.get(i).frames, s.done));
        bSubmitted.countDown();
        Scheduler.Stats sa = ta.await();
        Scheduler.Stats sb = tb.await();
        assertEquals(1, sb.peakActive(), "request b asked for one segment at a time");
        assertTrue(sa.peakActive() <= 4);
        assertTrue(sb.peakSharedBatch() > 1, "b's segments must share steps with a's");
        assertTrue(model.maxBatchSeen <= 6 && model.peakInUse <= 2000);
        assertEquals(0, model.inUse);
    }

    @Test
    void aShortRequestDoesNotWaitBehindALongRequestsQueue() {
        CountingModel model = new CountingModel(100_000);
        Scheduler<Job, Seq> scheduler = new Scheduler<>(model, 4, 100_000, StepCost.flat());
        List<Job> chapter = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            chapter.add(new Job(10 + i % 7, 100, "long"));
        }
        CountDownLatch atStepSix = new CountDownLatch(1);
        CountDownLatch shortSubmitted = new CountDownLatch(1);
        model.onStep = n -> {
            if (n == 6) {
                atStepSix.countDown();
                await(shortSubmitted);
            }
        };
        Scheduler<Job, Seq>.Ticket longTicket = scheduler.submit(chapter, new Scheduler.Limits(4, 100_000, 12), () -> true, (i, s) -> { });
        await(atStepSix);
        Scheduler<Job, Seq>.Ticket shortTicket = scheduler.submit(List.of(new Job(8, 100, "short")),
                new Scheduler.Limits(4, 100_000, 4), () -> true, (i, s) -> { });
        int submittedAt = model.events.size();
        shortSubmitted.countDown();
        shortTicket.await();
        longTicket.await();
        // All four slots are the chapter's when the short request arrives; the first slot that frees is its.
        List<String> after = model.events.subList(submittedAt, model.events.size());
        int firstStartAfter = -1;
        for (int i = 0; i < after.size() && firstStartAfter < 0; i++) {
            if (after.get(i).startsWith("start")) {
                firstStartAfter = i;
            }
        }
        assertEquals("start short", after.get(firstStartAfter), "events after the short request arrived: " + after);
    }

    @Test
    void aCancelledRequestReturnsItsMemoryAndOthersGoOn() {
        CountingModel model = new CountingModel(100_000);
        Scheduler<Job, Seq> scheduler = new Scheduler<>(model, 8, 100_000, StepCost.flat());
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        model.onStep = n -> {
            if (n == 10) {
                running.countDown();
                await(cancelled);
            }
        };
        List<Job> big = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            big.add(new Job(50, 1000, "big"));
        }
        Scheduler<Job, Seq>.Ticket t = scheduler.submit(big, new Scheduler.Limits(4, 100_000, 8), () -> true, (i, s) -> { });
        await(running);
        assertTrue(model.inUse > 0, "sequences are running");
        t.cancel();
        cancelled.countDown();
        assertThrows(CancellationException.class, t::await);
        assertEquals(0, model.inUse, "KV returned as soon as the cancellation is acted on");
        assertTrue(model.all.stream().allMatch(s -> s.released));
        List<Job> next = randomJobs(3, 9, "next");
        scheduler.run(next, new Scheduler.Limits(2, 100_000, 4), (i, s) -> assertEquals(next.get(i).frames, s.done));
        assertEquals(0, model.inUse);
    }

    @Test
    void anInterruptedCallerCancelsThroughTheSchedulerThread() throws Exception {
        CountingModel model = new CountingModel(100_000);
        Scheduler<Job, Seq> scheduler = new Scheduler<>(model, 8, 100_000, StepCost.flat());
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        List<Thread> stepThreads = Collections.synchronizedList(new ArrayList<>());
        model.onStep = n -> {
            stepThreads.add(Thread.currentThread());
            if (n == 5) {
                running.countDown();
                await(interrupted);
            }
        };
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            jobs.add(new Job(40, 500, "x"));
        }
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                scheduler.run(jobs, new Scheduler.Limits(4, 100_000, 8), (i, s) -> { });
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        await(running);
        caller.interrupt();
        // The step in progress is still running: the caller must not touch the scheduler's state meanwhile.
        assertTrue(model.inUse > 0);
        interrupted.countDown();
        Throwable thrown = outcome.get(30, TimeUnit.SECONDS);
        assertTrue(thrown instanceof CancellationException, "run() ended with " + thrown);
        caller.join();
        assertEquals(0, model.inUse, "run() returns only after the scheduler released the request");
        assertTrue(model.all.stream().allMatch(s -> s.released));
        assertTrue(stepThreads.stream().noneMatch(th -> th == caller));
    }

    @Test
    void aRequestWhoseConsumerFallsBehindStartsNothingNew() {
        CountingModel model = new CountingModel(100_000);
        boolean[] ready = {true};
        List<Job> jobs = new ArrayList<>(List.of(new Job(5, 100, "a")));
        for (int i = 0; i < 7; i++) {
            jobs.add(new Job(60, 100, "a"));
        }
        int[] startedWhenBlocked = {-1};
        Scheduler.Stats stats = new Scheduler<>(model, 8, 100_000, StepCost.flat()).submit(jobs, new Scheduler.Limits(8, 100_000, 8),
                () -> ready[0], (i, s) -> {
                    if (i == 0) {
                        ready[0] = false;
                        startedWhenBlocked[0] = model.all.size();
                    } else if (i == 1) {
                        assertEquals(startedWhenBlocked[0], model.all.size(), "nothing started while the consumer was behind");
                        ready[0] = true;
                    }
                }).await();
        assertTrue(startedWhenBlocked[0] < jobs.size(), "some jobs were still to start: " + startedWhenBlocked[0]);
        assertEquals(jobs.stream().mapToInt(Job::frames).sum(), stats.sequenceSteps());
    }

    @Test
    void aRejectedSequenceIsRestartedInItsSlotAndStillLeavesInOrder() {
        CountingModel model = new CountingModel(10_000);
        List<Job> jobs = List.of(new Job(7, 100, "a"), new Job(5, 100, "retry"), new Job(9, 100, "a"));
        List<Integer> order = new ArrayList<>();
        Scheduler.Stats stats = new Scheduler<>(model, 8, 10_000, StepCost.flat()).run(jobs, new Scheduler.Limits(3, 10_000, 4),
                (i, s) -> order.add(i));
        assertEquals(List.of(0, 1, 2), order);
        assertEquals(7 + 2 * 5 + 9, stats.sequenceSteps(), "the rejected job ran twice");
        assertEquals(3, model.all.size(), "restarted in place, not started anew");
        assertEquals(0, model.inUse);
    }

    @Test
    void batchOfOneRunsSequentially() {
        List<Job> jobs = randomJobs(10, 2, "a");
        CountingModel model = new CountingModel(10_000);
        Scheduler.Stats stats = new Scheduler<>(model, 32, 10_000, StepCost.flat()).run(jobs, new Scheduler.Limits(1, 10_000, 1), (i, s) -> { });
        assertEquals(1, model.maxBatchSeen);
        assertEquals(jobs.stream().mapToInt(Job::frames).sum(), stats.steps());
    }

    @Test
    void aJobLargerThanTheBudgetIsAUsageErrorNamingTheSegmentAndTheOption() {
        CountingModel model = new CountingModel(3L << 20);
        List<Job> jobs = List.of(new Job(3, 100), new Job(3, (5L << 20) + 1));
        KvBudgetException e = assertThrows(KvBudgetException.class, () -> new Scheduler<>(model, 32, 3L << 20, StepCost.flat())
                .run(jobs, new Scheduler.Limits(2, 3L << 20, 4), (i, s) -> { }));
        assertEquals("segment 2 needs 5.0 MiB of KV cache, more than the memory budget of 3.0 MiB: raise --memory-budget"
                + " to at least 6M", e.getMessage());
        assertEquals(0, model.inUse);
    }

    /** Jobs of {@code frames} steps holding {@code start} at first and 50 more every 5 steps: at most start + 50 x frames / 5. */
    private static Job growing(int frames, long start, String tag) {
        int blocks = (frames + 4) / 5;
        return new Job(frames, start + 50L * blocks, tag, start, 50, 5);
    }

    /** The same job holding its worst case from the start, as every job did before KV grew with the sequence. */
    private static Job worstCaseUpFront(Job j) {
        return new Job(j.frames(), j.bytes(), j.tag());
    }

    private static Scheduler.Stats runWithin(CountingModel model, List<Job> jobs, int maxBatch, long budget) {
        List<Integer> order = new ArrayList<>();
        Scheduler<Job, Seq> scheduler = new Scheduler<>(model, 16, budget, StepCost.flat());
        Scheduler<Job, Seq>.Ticket ticket = scheduler.submit(jobs, new Scheduler.Limits(maxBatch, budget, 3 * maxBatch), () -> true,
                (i, s) -> {
                    assertEquals(jobs.get(i).frames(), s.done, "job " + i + " ran to its end");
                    order.add(i);
                });
        // A deadlock would hang here for ever: fail instead (the bound is generous, nothing is timed).
        Scheduler.Stats stats = CompletableFuture.supplyAsync(ticket::await).orTimeout(60, TimeUnit.SECONDS).join();
        assertEquals(jobs.size(), order.size(), "every job was handed over");
        for (int i = 0; i < order.size(); i++) {
            assertEquals(i, order.get(i), "in job order");
        }
        assertEquals(0, model.inUse, "all KV memory returned");
        assertTrue(model.all.stream().allMatch(s -> s.released));
        assertEquals(model.peakInUse, stats.peakReservedBytes(), "the scheduler's peak is what the model held at its peak");
        return stats;
    }

    @Test
    void reservingAsSequencesGrowRunsMoreAtOnceThanReservingTheirWorstCase() {
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            jobs.add(growing(40, 100, "a")); // 100 at first, 500 at the end
        }
        long budget = 900; // under two worst cases
        CountingModel upFront = new CountingModel(budget);
        Scheduler.Stats before = runWithin(upFront, jobs.stream().map(SchedulerTest::worstCaseUpFront).toList(), 8, budget);
        CountingModel grown = new CountingModel(budget);
        Scheduler.Stats after = runWithin(grown, jobs, 8, budget);
        assertEquals(1, before.peakActive(), "worst cases up front: one at a time");
        assertEquals(0, before.kvWaits());
        assertTrue(after.peakActive() >= 3, "growing reservations ran at most " + after.peakActive() + " at once");
        assertTrue(after.steps() < before.steps(), after.steps() + " steps vs " + before.steps());
        assertEquals(8 * 40, after.sequenceSteps(), "no step was lost or repeated");
    }

    @Test
    void whenTheBudgetIsTightSequencesWaitMidRunForBlocksAndAllFinish() {
        // Budget = the largest worst case: the oldest can always finish; the others start, then wait for blocks.
        List<Job> jobs = List.of(growing(40, 100, "a"), growing(10, 100, "a"), growing(10, 100, "a"), growing(30, 150, "a"),
                growing(10, 100, "a"));
        long budget = jobs.stream().mapToLong(Job::bytes).max().orElseThrow();
        CountingModel model = new CountingModel(budget);
        Scheduler.Stats stats = runWithin(model, jobs, 4, budget);
        assertTrue(stats.kvWaits() > 0, "some sequence waited for memory mid-run");
        assertTrue(stats.peakActive() > 1, "yet more than one ran at once: " + stats);
        assertTrue(model.peakInUse <= budget);
        assertEquals(jobs.stream().mapToInt(Job::frames).sum(), stats.sequenceSteps());
    }

    @Test
    void noBudgetJobsOrRetriesDeadlockOrLoseASequence() {
        for (int seed = 0; seed < 40; seed++) {
            Random r = new Random(seed);
            List<Job> jobs = new ArrayList<>();
            for (int i = 0; i < 6 + r.nextInt(20); i++) {
                int frames = 1 + r.nextInt(60);
                int every = 1 + r.nextInt(8);
                long unit = 1 + r.nextInt(40);
                long start = 1 + r.nextInt(200);
                long slack = r.nextInt(3) == 0 ? r.nextInt(300) : 0;
                jobs.add(new Job(frames, start + unit * ((frames + every - 1) / every) + slack, r.nextInt(5) == 0 ? "retry" : "a",
                        start, unit, every));
            }
            long largest = jobs.stream().mapToLong(Job::bytes).max().orElseThrow();
            long budget = largest + (r.nextBoolean() ? 0 : r.nextInt((int) (3 * largest)));
            CountingModel model = new CountingModel(budget);
            Scheduler.Stats stats = runWithin(model, jobs, 1 + r.nextInt(8), budget);
            int retried = (int) jobs.stream().filter(j -> j.tag().equals("retry")).mapToInt(Job::frames).sum();
            assertEquals(jobs.stream().mapToInt(Job::frames).sum() + retried, stats.sequenceSteps(), "seed " + seed);
        }
    }

    private static List<Job> randomGrowingJobs(Random r, String tag) {
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 4 + r.nextInt(12); i++) {
            int frames = 1 + r.nextInt(50);
            int every = 1 + r.nextInt(8);
            long unit = 1 + r.nextInt(40);
            long start = 1 + r.nextInt(200);
            jobs.add(new Job(frames, start + unit * ((frames + every - 1) / every), tag, start, unit, every));
        }
        return jobs;
    }

    @Test
    void concurrentRequestsWithTheirOwnBudgetsNeitherDeadlockNorOverrunEitherBudget() {
        for (int seed = 0; seed < 20; seed++) {
            Random r = new Random(100 + seed);
            List<Job> a = randomGrowingJobs(r, "a");
            List<Job> b = randomGrowingJobs(r, "b");
            long largest = java.util.stream.Stream.concat(a.stream(), b.stream()).mapToLong(Job::bytes).max().orElseThrow();
            long global = largest + r.nextInt((int) (2 * largest));
            long own = largest + r.nextInt((int) (global - largest) + 1);
            CountingModel model = new CountingModel(global); // checks the shared budget at every start and step
            Scheduler<Job, Seq> scheduler = new Scheduler<>(model, 1 + r.nextInt(8), global, StepCost.flat());
            long[] heldByB = {0};
            List<Scheduler<Job, Seq>.Ticket> tickets = new ArrayList<>();
            List<List<Integer>> orders = List.of(new ArrayList<>(), new ArrayList<>());
            tickets.add(scheduler.submit(a, new Scheduler.Limits(4, global, 12), () -> true, (i, s) -> orders.get(0).add(i)));
            tickets.add(scheduler.submit(b, new Scheduler.Limits(3, own, 9), () -> true, (i, s) -> orders.get(1).add(i)));
            for (Scheduler<Job, Seq>.Ticket t : tickets) {
                Scheduler.Stats stats = CompletableFuture.supplyAsync(t::await).orTimeout(60, TimeUnit.SECONDS).join();
                if (t == tickets.get(1)) {
                    heldByB[0] = stats.peakReservedBytes();
                }
            }
            assertEquals(java.util.stream.IntStream.range(0, a.size()).boxed().toList(), orders.get(0), "seed " + seed);
            assertEquals(java.util.stream.IntStream.range(0, b.size()).boxed().toList(), orders.get(1), "seed " + seed);
            assertTrue(heldByB[0] <= own, "request b held " + heldByB[0] + " over its own budget " + own);
            assertEquals(0, model.inUse);
        }
    }

    @Test
    void jobsArePreparedOnceEachAndOnlyAsTheyEnterTheLookAheadWindow() {
        int count = 10_000; // segments of a 2-million-character text at the default segment budget
        int lookahead = 12;
        CountingModel model = new CountingModel(1_000_000);
        int[] preparedTimes = new int[count];
        int[] emitted = {0};
        int[] furthestAhead = {0};
        Scheduler.Stats stats = new Scheduler<>(model, 16, 1_000_000, StepCost.flat()).submit(count, i -> {
            preparedTimes[i]++;
            furthestAhead[0] = Math.max(furthestAhead[0], i - emitted[0]);
            return new Job(1 + i % 3, 100, "a");
        }, new Scheduler.Limits(4, 1_000_000, lookahead), () -> true, (i, s) -> emitted[0]++).await();
        assertEquals(count, emitted[0]);
        for (int i = 0; i < count; i++) {
            assertEquals(1, preparedTimes[i], "job " + i + " prepared once");
        }
        assertTrue(furthestAhead[0] < lookahead, "prepared " + furthestAhead[0] + " jobs beyond the next to hand over");
        assertTrue(stats.peakPrepared() >= 1 && stats.peakPrepared() <= lookahead, "prepared and waiting: " + stats.peakPrepared());
    }

    @Test
    void aJobThatFailsToPrepareFailsItsRequestAndReleasesTheOthers() {
        CountingModel model = new CountingModel(100_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Scheduler<>(model, 8, 100_000,
                StepCost.flat()).submit(20, i -> {
                    if (i == 9) {
                        throw new IllegalArgumentException("job 9 cannot be prepared");
                    }
                    return new Job(30, 100, "a");
                }, new Scheduler.Limits(4, 100_000, 8), () -> true, (i, s) -> { }).await());
        assertEquals("job 9 cannot be prepared", e.getMessage());
        assertEquals(0, model.inUse);
        assertTrue(model.all.stream().allMatch(s -> s.released));
    }

    @Test
    void releasesRunningSequencesWhenTheConsumerFails() {
        List<Job> jobs = randomJobs(6, 3, "a");
        CountingModel model = new CountingModel(100_000);
        assertThrows(RuntimeException.class, () -> new Scheduler<>(model, 32, 100_000, StepCost.flat())
                .run(jobs, new Scheduler.Limits(3, 100_000, 6), (i, s) -> {
                    throw new RuntimeException("sink closed");
                }));
        assertEquals(0, model.inUse);
        assertTrue(model.all.stream().allMatch(s -> s.released));
    }
}
