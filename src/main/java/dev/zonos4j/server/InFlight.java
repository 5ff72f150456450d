package dev.zonos4j.server;

import dev.zonos4j.engine.Cancellation;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/** The speech requests running now, so a shutdown can wait for them and cancel those that take too long. */
final class InFlight {
    private final Set<Cancellation> running = new HashSet<>();

    synchronized void add(Cancellation c) {
        running.add(c);
    }

    synchronized void remove(Cancellation c) {
        running.remove(c);
        notifyAll();
    }

    /** Waits up to {@code grace} for the running requests to end, then cancels the rest and waits for them. */
    synchronized void awaitOrCancel(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            while (!running.isEmpty() && System.nanoTime() < deadline) {
                wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
            for (Cancellation c : running) {
                c.cancel();
            }
            long cancelDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!running.isEmpty() && System.nanoTime() < cancelDeadline) {
                wait(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
