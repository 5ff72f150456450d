package dev.zonos4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SchedulerTest {

    /** A job that needs {@code frames} steps and reserves {@code bytes}. */
    record Job(int frames, long bytes) {
    }

    static final class Seq {
        final Job job;
        int done;
        boolean released;

        Seq(Job job) {
            this.job = job;
        }
    }

    /** Counts what the scheduler does and checks the budget from the model's side. */
    static final class CountingModel implements BatchModel<Job, Seq> {
        final long budget;
        final java.util.concurrent.CountDownLatch firstStart = new java.util.concurrent.CountDownLatch(1);
        volatile long stepMillis;
        long inUse;
        long peakInUse;
        int maxBatchSeen;
        final List<Seq> all = new ArrayList<>();

        CountingModel(long budget) {
            this.budget = budget;
        }

        public Seq start(Job job) {
            inUse += job.bytes;
            peakInUse = Math.max(peakInUse, inUse);
            assertTrue(inUse <= budget, "over budget: " + inUse);
            Seq s = new Seq(job);
            all.add(s);
            firstStart.countDown();
            return s;
        }

        public void step(List<Seq> active) {
            if (stepMillis > 0) {
                try {
                    Thread.sleep(stepMillis);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            maxBatchSeen = Math.max(maxBatchSeen, active.size());
            for (Seq s : active) {
                assertTrue(s.done < s.job.frames, "stepped a finished sequence");
                s.done++;
            }
        }

        public boolean finished(Seq s) {
            return s.done == s.job.frames;
        }

        public void release(Seq s) {
            assertTrue(!s.released, "released twice");
            s.released = true;
            inUse -= s.job.bytes;
        }

        public long reserveBytes(Job job) {
            return job.bytes;
        }

        public int expectedFrames(Job job) {
            return job.frames;
        }
    }

    private static List<Job> randomJobs(int n, long seed) {
        Random r = new Random(seed);
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            jobs.add(new Job(5 + r.nextInt(60), 100 + r.nextInt(400)));
        }
        return jobs;
    }

    @Test
    void emitsEveryJobInOrderWithinBatchAndBudget() {
        List<Job> jobs = randomJobs(40, 1);
        CountingModel model = new CountingModel(1500);
        List<Integer> order = new ArrayList<>();
        Scheduler.Stats stats = new Scheduler<>(model, 32, 1500).run(jobs, new Scheduler.Limits(4, 1500, 12), (i, s) -> {
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
    void concurrentRequestsShareStepsWithinTheSharedBudget() throws Exception {
        CountingModel model = new CountingModel(2000);
        Scheduler<Job, Seq> scheduler = new Scheduler<>(model, 6, 2000);
        List<Job> a = randomJobs(12, 5);
        List<Job> b = randomJobs(12, 6);
        model.stepMillis = 3;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        // b arrives while a is running (a needs about a hundred 3 ms steps), so they must share steps.
        var fa = pool.submit(() -> scheduler.run(a, new Scheduler.Limits(4, 2000, 12),
                (i, s) -> assertEquals(a.get(i).frames, s.done)));
        assertTrue(model.firstStart.await(10, java.util.concurrent.TimeUnit.SECONDS));
        var fb = pool.submit(() -> scheduler.run(b, new Scheduler.Limits(1, 2000, 4),
                (i, s) -> assertEquals(b.get(i).frames, s.done)));
        Scheduler.Stats sa = fa.get();
        Scheduler.Stats sb = fb.get();
        pool.shutdown();
        assertEquals(1, sb.peakActive(), "request b asked for one segment at a time");
        assertTrue(sa.peakActive() <= 4);
        assertTrue(sb.peakSharedBatch() > 1, "b's segments must share steps with a's");
        assertTrue(model.maxBatchSeen <= 6 && model.peakInUse <= 2000);
        assertEquals(0, model.inUse);
    }

    @Test
    void batchOfOneRunsSequentially() {
        List<Job> jobs = randomJobs(10, 2);
        CountingModel model = new CountingModel(10_000);
        Scheduler.Stats stats = new Scheduler<>(model, 32, 10_000).run(jobs, new Scheduler.Limits(1, 10_000, 1), (i, s) -> { });
        assertEquals(1, model.maxBatchSeen);
        assertEquals(jobs.stream().mapToInt(Job::frames).sum(), stats.steps());
    }

    @Test
    void aJobLargerThanTheBudgetIsAClearError() {
        CountingModel model = new CountingModel(50);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Scheduler<>(model, 32, 50).run(List.of(new Job(3, 100)), new Scheduler.Limits(2, 50, 4), (i, s) -> { }));
        assertTrue(e.getMessage().contains("budget"), e.getMessage());
    }

    @Test
    void releasesRunningSequencesWhenTheConsumerFails() {
        List<Job> jobs = randomJobs(6, 3);
        CountingModel model = new CountingModel(100_000);
        assertThrows(RuntimeException.class, () -> new Scheduler<>(model, 32, 100_000)
                .run(jobs, new Scheduler.Limits(3, 100_000, 6), (i, s) -> {
                    throw new RuntimeException("sink closed");
                }));
        assertEquals(0, model.inUse);
        assertTrue(model.all.stream().allMatch(s -> s.released));
    }
}
