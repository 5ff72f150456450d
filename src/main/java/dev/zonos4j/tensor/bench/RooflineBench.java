package dev.zonos4j.tensor.bench;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The machine's roofline in the same JMH run as the kernels: read bandwidth over 1 GiB and peak FMA rate. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RooflineBench {
    static final long READ_BYTES = 1L << 30;
    static final long FMA_ITERATIONS = 1 << 22;

    private MemorySegment buffer;

    @Setup(Level.Trial)
    public void setUp() {
        buffer = Roofline.buffer(READ_BYTES);
    }

    /** One parallel Vector API sum over 1 GiB off-heap. */
    @Benchmark
    public double readGiB() {
        return Roofline.sweep(buffer);
    }

    /** {@link #FMA_ITERATIONS} rounds of independent vector FMA chains on every compute thread. */
    @Benchmark
    public double fmaBurst() {
        return Roofline.fmaBurst(FMA_ITERATIONS);
    }
}
