package dev.zonos4j.weights.hub;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

/**
 * Reads a response body and closes it when no byte arrives for {@code timeoutNanos}: the JDK's HTTP client
 * limits the wait for headers but not for the body, and a stalled CDN connection would otherwise hang forever.
 */
final class StallGuard implements AutoCloseable {
    private final InputStream in;
    private final long timeoutNanos;
    private final Thread watchdog;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean stalled;
    private volatile boolean done;

    StallGuard(InputStream in, long timeoutNanos) {
        this.in = in;
        this.timeoutNanos = timeoutNanos;
        this.watchdog = Thread.ofVirtual().name("hub-stall-guard").start(this::watch);
    }

    int read(byte[] buf) throws IOException {
        try {
            int n = in.read(buf);
            lastProgress = System.nanoTime();
            return n;
        } catch (IOException e) {
            if (stalled) {
                throw new IOException("no data for " + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s", e);
            }
            throw e;
        }
    }

    private void watch() {
        long tick = Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(timeoutNanos / 4, TimeUnit.SECONDS.toNanos(1)));
        while (!done) {
            try {
                TimeUnit.NANOSECONDS.sleep(tick);
            } catch (InterruptedException e) {
                return;
            }
            if (!done && System.nanoTime() - lastProgress > timeoutNanos) {
                stalled = true;
                try {
                    in.close();
                } catch (IOException ignored) {
                    // Closing is how the blocked reader is woken; a failure to close leaves nothing to clean up.
                }
                return;
            }
        }
    }

    @Override
    public void close() {
        done = true;
        watchdog.interrupt();
    }
}
