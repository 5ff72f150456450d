package dev.zonos4j.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Measures the machine's float32 FMA throughput with the Vector API on every compute thread: independent
 * accumulator chains so only the FMA units limit the rate. Benchmarks report kernel speed as a fraction of this.
 */
public final class FmaPeak {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int CHAINS = 12;

    private FmaPeak() {
    }

    /**
     * FMA throughput of all compute threads together, in GFLOP/s (an FMA counts as 2 FLOP): by wall time, and by
     * process CPU time divided by the thread count (what the threads would do with the cores to themselves, when
     * other processes share the machine).
     */
    public record Rate(double wall, double cpu) {
    }

    /** Best of {@code rounds} runs of about {@code millis} ms each, after one calibration run. */
    public static Rate measure(int rounds, int millis) {
        int threads = Parallel.threads();
        float[] sink = new float[threads];
        long iters = 1_000_000;
        double calibration = run(threads, iters, sink)[0];
        iters = Math.max(iters, (long) (iters * (millis / 1000.0) / Math.max(calibration, 1e-4)));
        double bestWall = 0;
        double bestCpu = 0;
        for (int r = 0; r < rounds; r++) {
            double[] t = run(threads, iters, sink);
            double flop = threads * (double) iters * CHAINS * S.length() * 2;
            bestWall = Math.max(bestWall, flop / t[0] / 1e9);
            if (t[1] > 0) {
                bestCpu = Math.max(bestCpu, flop / t[1] / 1e9);
            }
        }
        return new Rate(bestWall, bestCpu);
    }

    /** {wall seconds, CPU seconds per thread} of one run. */
    private static double[] run(int threads, long iters, float[] sink) {
        long c0 = CpuClock.processNanos();
        long t0 = System.nanoTime();
        Parallel.forRange(threads, 1, (from, to) -> {
            for (int t = from; t < to; t++) {
                sink[t] += chains(iters);
            }
        });
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (CpuClock.processNanos() - c0) / 1e9 / threads;
        return new double[] {wall, cpu};
    }

    private static float chains(long iters) {
        FloatVector m = FloatVector.broadcast(S, 0.9999999f);
        FloatVector c = FloatVector.broadcast(S, 1e-7f);
        FloatVector a0 = FloatVector.broadcast(S, 1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0;
        FloatVector a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (long i = 0; i < iters; i++) {
            a0 = a0.fma(m, c); a1 = a1.fma(m, c); a2 = a2.fma(m, c); a3 = a3.fma(m, c);
            a4 = a4.fma(m, c); a5 = a5.fma(m, c); a6 = a6.fma(m, c); a7 = a7.fma(m, c);
            a8 = a8.fma(m, c); a9 = a9.fma(m, c); a10 = a10.fma(m, c); a11 = a11.fma(m, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}
