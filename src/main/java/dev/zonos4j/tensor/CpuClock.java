package dev.zonos4j.tensor;

import java.lang.management.ManagementFactory;

/** CPU time consumed by this process, for benchmarks on machines shared with other work. */
public final class CpuClock {
    private CpuClock() {
    }

    /** Nanoseconds of CPU time used by all threads of this JVM so far (-1 if the platform cannot tell). */
    public static long processNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
