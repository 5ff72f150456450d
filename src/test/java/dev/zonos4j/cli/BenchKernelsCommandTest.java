package dev.zonos4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchKernelsCommandTest {
    /** Rejected before any benchmark JVM starts: a usage error naming the option, no stack trace. */
    private static void rejected(String expected, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "bench";
        all[1] = "kernels";
        System.arraycopy(args, 0, all, 2, args.length);
        CliRun r = CliRun.zonos(all);
        assertEquals(Main.EXIT_USAGE, r.status(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(r.out().contains("running"), r.out());
    }

    @Test
    void badValuesAreUsageErrorsBeforeAnythingRuns() {
        rejected("--contexts [0]", "--contexts", "0");
        rejected("--rows [2, -1]", "--rows", "2,-1");
        rejected("--threads 0", "--threads", "0");
        rejected("--shapes: unknown 'fc3', expected one of FC1, FC2, IN_PROJ, HEAD", "--shapes", "fc3");
        rejected("--storage: unknown 'int8', expected one of", "--storage", "int8");
    }
}
