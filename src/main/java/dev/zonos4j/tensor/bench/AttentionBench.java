package dev.zonos4j.tensor.bench;

import dev.zonos4j.tensor.Kernels;
import dev.zonos4j.tensor.KvBlockTable;
import dev.zonos4j.tensor.KvPool;
import dev.zonos4j.tensor.Parallel;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * One decode step's attention for {@link #ROWS} rows (8 segments with guidance) over KV caches of {@code context}
 * positions, every layer of the real model's shape, rows split over the compute threads as the backbone does.
 * The caches (hundreds of MB) stream from memory, as at long contexts. Run through {@code zonos bench kernels},
 * which turns times into GB/s of KV read.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AttentionBench {
    static final int ROWS = 16;
    static final int LAYERS = 26;
    static final int HEADS = 16;
    static final int KV_HEADS = 4;
    static final int HEAD_DIM = 128;

    @Param({"1024"})
    public int context;

    @Param({"BF16", "F32"})
    public String storage;

    private KvPool pool;
    private KvBlockTable[] caches;
    private float[] q;
    private float[] out;
    private final Kernels kernels = Kernels.vector();

    /** Bytes of keys and values one op reads. */
    static long kvBytes(int context, WeightMatrix.Storage storage) {
        return (long) ROWS * LAYERS * context * 2L * KV_HEADS * HEAD_DIM * storage.bytes();
    }

    @Setup(Level.Trial)
    public void setUp() {
        WeightMatrix.Storage st = WeightMatrix.Storage.valueOf(storage);
        int kvDim = KV_HEADS * HEAD_DIM;
        pool = new KvPool(Long.MAX_VALUE, KvPool.defaultBlockPositions(st), LAYERS, kvDim, st);
        SplittableRandom rnd = new SplittableRandom(3);
        float[] k = new float[kvDim];
        float[] v = new float[kvDim];
        caches = new KvBlockTable[ROWS];
        for (int r = 0; r < ROWS; r++) {
            caches[r] = new KvBlockTable(pool, context);
            caches[r].ensure(context);
            for (int p = 0; p < context; p++) {
                for (int layer = 0; layer < LAYERS; layer++) {
                    for (int c = 0; c < kvDim; c++) {
                        k[c] = (float) (rnd.nextDouble() - 0.5);
                        v[c] = (float) (rnd.nextDouble() - 0.5);
                    }
                    caches[r].putKey(layer, p, k, 0);
                    caches[r].putValue(layer, p, v, 0);
                }
            }
        }
        q = new float[ROWS * HEADS * HEAD_DIM];
        for (int i = 0; i < q.length; i++) {
            q[i] = (float) (rnd.nextGaussian() / Math.sqrt(HEAD_DIM));
        }
        out = new float[q.length];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (KvBlockTable t : caches) {
            t.release();
        }
    }

    @Benchmark
    public float attention() {
        int width = HEADS * HEAD_DIM;
        for (int layer = 0; layer < LAYERS; layer++) {
            int l = layer;
            Parallel.forRange(ROWS, 1, (from, to) -> {
                for (int r = from; r < to; r++) {
                    kernels.attention(q, r * width, caches[r], l, context, HEADS, KV_HEADS, HEAD_DIM, out, r * width);
                }
            });
        }
        return out[0];
    }
}
