package dev.zonos4j.tensor;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time consumed by this JVM's live threads, for benchmarks on machines shared with other work: unlike wall
 * time it does not count the time other processes hold the cores.
 */
public final class CpuClock {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuClock() {
    }

    /** Nanoseconds of CPU time used so far by all live threads (-1 if the platform cannot tell). */
    public static long processNanos() {
        if (!THREADS.isThreadCpuTimeSupported()) {
            return -1;
        }
        long total = 0;
        for (long id : THREADS.getAllThreadIds()) {
            long t = THREADS.getThreadCpuTime(id);
            if (t > 0) {
                total += t;
            }
        }
        return total;
    }
}
