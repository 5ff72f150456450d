package dev.zonos4j.tensor.bench;

import dev.zonos4j.tensor.Parallel;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.DoubleAdder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The machine's roofline as our kernels see it: read bandwidth (a Vector API sum over a large off-heap
 * buffer, all compute threads) and peak FMA rate (independent vector FMA chains on all threads).
 */
public final class Roofline {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int FMA_CHAINS = 12;

    private Roofline() {
    }

    /** An off-heap buffer of {@code bytes} filled with small values (pages touched). */
    public static MemorySegment buffer(long bytes) {
        MemorySegment seg = Arena.ofAuto().allocate(bytes, 64);
        long n = bytes / 4;
        Parallel.forRange((int) (n / 4096), 64, (from, to) -> {
            for (long i = (long) from * 4096; i < (long) to * 4096; i++) {
                seg.setAtIndex(ValueLayout.JAVA_FLOAT, i, (i & 7) * 0.125f);
            }
        });
        return seg;
    }

    /** Sums every float of {@code seg} once, in parallel; returns the sum (keeps the reads alive). */
    public static double sweep(MemorySegment seg) {
        long blocks = seg.byteSize() / (1 << 16);
        DoubleAdder total = new DoubleAdder();
        Parallel.forRange((int) blocks, 16, (from, to) -> {
            FloatVector a = FloatVector.zero(F);
            FloatVector b = FloatVector.zero(F);
            FloatVector c = FloatVector.zero(F);
            FloatVector d = FloatVector.zero(F);
            int step = F.vectorByteSize();
            for (long off = (long) from << 16, end = (long) to << 16; off < end; off += 4L * step) {
                a = a.add(FloatVector.fromMemorySegment(F, seg, off, ByteOrder.LITTLE_ENDIAN));
                b = b.add(FloatVector.fromMemorySegment(F, seg, off + step, ByteOrder.LITTLE_ENDIAN));
                c = c.add(FloatVector.fromMemorySegment(F, seg, off + 2L * step, ByteOrder.LITTLE_ENDIAN));
                d = d.add(FloatVector.fromMemorySegment(F, seg, off + 3L * step, ByteOrder.LITTLE_ENDIAN));
            }
            total.add(a.add(b).add(c).add(d).reduceLanes(VectorOperators.ADD));
        });
        return total.sum();
    }

    /** FMAs of {@code iterations} rounds of independent chains on every thread; returns a value to consume. */
    public static double fmaBurst(long iterations) {
        int threads = Parallel.threads();
        DoubleAdder total = new DoubleAdder();
        Parallel.forRange(threads, 1, (from, to) -> {
            for (int t = from; t < to; t++) {
                total.add(fmaChains(iterations, t));
            }
        });
        return total.sum();
    }

    /** FLOPs done by {@link #fmaBurst} on {@code threads} compute threads. */
    public static double fmaBurstFlops(long iterations, int threads) {
        return 2.0 * F.length() * FMA_CHAINS * iterations * threads;
    }

    private static double fmaChains(long iterations, int seed) {
        FloatVector m = FloatVector.broadcast(F, 0.999f);
        FloatVector k = FloatVector.broadcast(F, 1e-3f * (seed + 1));
        FloatVector a0 = k, a1 = k, a2 = k, a3 = k, a4 = k, a5 = k;
        FloatVector a6 = k, a7 = k, a8 = k, a9 = k, a10 = k, a11 = k;
        for (long i = 0; i < iterations; i++) {
            a0 = a0.fma(m, k);
            a1 = a1.fma(m, k);
            a2 = a2.fma(m, k);
            a3 = a3.fma(m, k);
            a4 = a4.fma(m, k);
            a5 = a5.fma(m, k);
            a6 = a6.fma(m, k);
            a7 = a7.fma(m, k);
            a8 = a8.fma(m, k);
            a9 = a9.fma(m, k);
            a10 = a10.fma(m, k);
            a11 = a11.fma(m, k);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }

    /** Measured read bandwidth in GB/s: repeated sweeps of a buffer of {@code bytes} for about {@code seconds}. */
    public static double readGBps(long bytes, double seconds) {
        MemorySegment seg = buffer(bytes);
        sweep(seg);
        sweep(seg);
        long t0 = System.nanoTime();
        int n = 0;
        while (System.nanoTime() - t0 < seconds * 1e9 || n < 2) {
            sweep(seg);
            n++;
        }
        return (double) bytes * n / (System.nanoTime() - t0);
    }

    /** Measured peak FMA rate in GFLOP/s on all compute threads. */
    public static double fmaGflops(double seconds) {
        long iters = 1 << 22;
        fmaBurst(iters);
        fmaBurst(iters);
        long t0 = System.nanoTime();
        int n = 0;
        while (System.nanoTime() - t0 < seconds * 1e9 || n < 2) {
            fmaBurst(iters);
            n++;
        }
        return fmaBurstFlops(iters, Parallel.threads()) * n / (System.nanoTime() - t0);
    }
}
