package dev.zonos4j.server;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code concurrent} requests generate at once, at most {@code queue} wait for a slot, in arrival order;
 * one more is refused (429) instead of waiting without bound.
 */
final class Admission {
    private final Semaphore slots;
    private final int queue;
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();

    Admission(int concurrent, int queue) {
        this.slots = new Semaphore(concurrent, true);
        this.queue = queue;
    }

    /** Takes a slot, waiting in the queue if need be; throws 429 when the queue is full. */
    void enter() throws InterruptedException {
        if (!slots.tryAcquire()) {
            if (waiting.incrementAndGet() > queue) {
                waiting.decrementAndGet();
                throw ApiException.queueFull(2);
            }
            try {
                slots.acquire();
            } finally {
                waiting.decrementAndGet();
            }
        }
        running.incrementAndGet();
    }

    void exit() {
        running.decrementAndGet();
        slots.release();
    }

    int waiting() {
        return waiting.get();
    }

    int running() {
        return running.get();
    }
}
