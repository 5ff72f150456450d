package dev.zonos4j.tensor.bench;

import dev.zonos4j.tensor.Kernels;
import dev.zonos4j.tensor.WeightMatrix;
import java.util.SplittableRandom;
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
 * One matmul of {@code rows} activation rows by a real-size weight matrix. Several copies of the matrix
 * (together well beyond the last-level cache) are used in turn, so weights stream from memory as in a
 * decode step. Run through {@code zonos bench kernels}, which turns times into GB/s and GFLOP/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MatMulBench {
    /** Bytes of weight copies cycled through (well beyond a 32 MiB L3). */
    static final long WORKING_SET = 512L << 20;

    @Param({"FC1", "FC2", "IN_PROJ", "HEAD"})
    public String shape;

    @Param({"1", "2", "8", "16"})
    public int rows;

    @Param({"BF16", "F32"})
    public String storage;

    private WeightMatrix[] copies;
    private float[] x;
    private float[] y;
    private int next;
    private final Kernels kernels = Kernels.vector();

    @Setup(Level.Trial)
    public void setUp() {
        MatMulShape s = MatMulShape.valueOf(shape);
        WeightMatrix.Storage st = WeightMatrix.Storage.valueOf(storage);
        SplittableRandom rnd = new SplittableRandom(7);
        float[] values = new float[s.out * s.in];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (rnd.nextGaussian() / 45);
        }
        long bytes = (long) values.length * st.bytes();
        int n = (int) Math.max(2, WORKING_SET / bytes);
        copies = new WeightMatrix[n];
        for (int c = 0; c < n; c++) {
            copies[c] = st == WeightMatrix.Storage.BF16 ? WeightMatrix.bf16(s.out, s.in, values) : WeightMatrix.f32(s.out, s.in, values);
        }
        x = new float[rows * s.in];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        y = new float[rows * s.out];
    }

    @Benchmark
    public float matmul() {
        WeightMatrix w = copies[next];
        next = next + 1 == copies.length ? 0 : next + 1;
        kernels.matmul(w, x, rows, y);
        return y[0];
    }
}
