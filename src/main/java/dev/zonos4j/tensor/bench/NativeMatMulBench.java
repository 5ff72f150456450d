package dev.zonos4j.tensor.bench;

import dev.zonos4j.tensor.Parallel;
import dev.zonos4j.tensor.onednn.HugePages;
import dev.zonos4j.tensor.onednn.OneDnn;
import dev.zonos4j.tensor.onednn.OneDnnMatMul;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The native backend's matmul (oneDNN, bf16 weights packed as the model packs them, bf16 rows, f32 output) at the
 * real model's shapes, with the packed weights in 2 MiB huge pages ({@code HUGE}, what the model uses) or in
 * ordinary 4 KiB pages ({@code SMALL}). As in {@link MatMulBench}, copies well beyond the last-level cache are used
 * in turn, so weights stream from memory as in a decode step.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class NativeMatMulBench {
    @Param({"FC1", "FC2", "IN_PROJ", "HEAD"})
    public String shape;

    @Param({"1", "2", "8", "16"})
    public int rows;

    @Param({"HUGE", "SMALL"})
    public String pages;

    private OneDnnMatMul[] copies;
    private MemorySegment x;
    private MemorySegment y;
    private int threads;
    /** Rows run: one is padded to two, as the native backend does. */
    private int m;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        MatMulShape s = MatMulShape.valueOf(shape);
        OneDnn dnn = OneDnn.get();
        threads = Parallel.threads();
        m = Math.max(2, rows);
        System.setProperty(HugePages.PROPERTY, Boolean.toString(pages.equals("HUGE")));
        MemorySegment weights = Arena.ofAuto().allocate((long) s.out * s.in * 2, 64);
        weights.fill((byte) 0x3c); // bf16 0.0115: the values do not change the speed
        int n = (int) Math.max(2, MatMulBench.WORKING_SET / weights.byteSize());
        copies = new OneDnnMatMul[n];
        for (int c = 0; c < n; c++) {
            copies[c] = OneDnnMatMul.pack(dnn, weights, s.out, s.in, OneDnn.BF16, threads);
        }
        x = Arena.ofAuto().allocate((long) m * s.in * 2, 64);
        y = Arena.ofAuto().allocate((long) m * s.out * 4, 64);
    }

    @Benchmark
    public float matmul() {
        OneDnnMatMul w = copies[next];
        next = next + 1 == copies.length ? 0 : next + 1;
        w.run(m, x, y, threads);
        return y.get(ValueLayout.JAVA_FLOAT, 0);
    }
}
