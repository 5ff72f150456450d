package dev.zonos4j.tensor.onednn;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * y = x W^T through oneDNN for one weight matrix W [N, K] (row-major, as checkpoints store it), with src of the
 * weights' type (bf16 or f32) and f32 output. The weights are reordered once into the blocked layout oneDNN's
 * matmul asks for; every row count M then gets its own fixed-M primitive over that same packed buffer.
 *
 * <p>Why fixed-M primitives: a primitive with a run-time M falls back to a slower generic GEMM, and primitives
 * built for fixed M over one weight layout reduce every output element over K in the same blocked order, so a
 * row's result does not depend on M (tested in {@code NativeKernelsTest}). M = 1 takes another code path in
 * oneDNN, so callers pad a single row to two. Plans are kept per (threads, M) since oneDNN blocks work by the
 * thread count seen at creation. Executions of one matrix are serialized (a primitive's scratchpad is its own).
 */
public final class OneDnnMatMul {
    private static final int MAX_THREADS = 256;
    /** The row count whose preferred weight layout is used for all M (decode's two guidance rows). */
    private static final int LAYOUT_ROWS = 2;

    private final OneDnn dnn;
    private final int n;
    private final int k;
    private final int dataType;
    private final MemorySegment weightsMd;
    private final MemorySegment packed;
    private final MemorySegment weightsMemory;
    private final Plan[][] plans = new Plan[MAX_THREADS + 1][];
    private final String implementation;

    private record Plan(MemorySegment primitive, MemorySegment src, MemorySegment dst, MemorySegment args) {
    }

    private OneDnnMatMul(OneDnn dnn, int n, int k, int dataType, MemorySegment weightsMd, MemorySegment packed) {
        this.dnn = dnn;
        this.n = n;
        this.k = k;
        this.dataType = dataType;
        this.weightsMd = weightsMd;
        this.packed = packed;
        this.weightsMemory = dnn.memory(weightsMd, packed);
        MemorySegment pd = describe(LAYOUT_ROWS);
        try {
            this.implementation = dnn.implementation(pd);
        } finally {
            dnn.destroyPd(pd);
        }
    }

    /**
     * Packs {@code weights} [n, k] of {@code dataType} ({@link OneDnn#BF16} or {@link OneDnn#F32}) into oneDNN's
     * preferred layout, in fresh off-heap memory owned by this object; the source is only read.
     */
    public static OneDnnMatMul pack(OneDnn dnn, MemorySegment weights, int n, int k, int dataType, int threads) {
        dnn.setThreads(threads);
        MemorySegment plainMd = dnn.memoryDesc(new long[] {k, n}, dataType, OneDnn.TAG_BA);
        MemorySegment srcMd = dnn.memoryDesc(new long[] {LAYOUT_ROWS, k}, dataType, OneDnn.TAG_AB);
        MemorySegment anyMd = dnn.memoryDesc(new long[] {k, n}, dataType, OneDnn.TAG_ANY);
        MemorySegment dstMd = dnn.memoryDesc(new long[] {LAYOUT_ROWS, n}, OneDnn.F32, OneDnn.TAG_AB);
        MemorySegment pd = dnn.matmulDesc(srcMd, anyMd, null, dstMd);
        MemorySegment packedMd;
        try {
            packedMd = dnn.cloneMd(dnn.queryMd(pd, OneDnn.QUERY_WEIGHTS_MD));
        } finally {
            dnn.destroyPd(pd);
            dnn.destroyMd(srcMd);
            dnn.destroyMd(anyMd);
            dnn.destroyMd(dstMd);
        }
        MemorySegment packed;
        try {
            packed = dnn.reorderOnce(plainMd, weights, packedMd);
        } finally {
            dnn.destroyMd(plainMd);
        }
        return new OneDnnMatMul(dnn, n, k, dataType, packedMd, packed);
    }

    /** The implementation oneDNN runs, e.g. {@code brg_matmul:avx512_core_bf16}. */
    public String implementation() {
        return implementation;
    }

    /** Bytes of the packed weights. */
    public long packedBytes() {
        return packed.byteSize();
    }

    /** Where the packed weights live (for tests of their memory). */
    MemorySegment packedMemory() {
        return packed;
    }

    /**
     * dst [m, n] f32 = src [m, k] x W^T with {@code threads} OpenMP threads (m >= 2). Both segments must stay
     * valid for the call.
     */
    public synchronized void run(int m, MemorySegment src, MemorySegment dst, int threads) {
        if (m < 2) {
            throw new IllegalArgumentException("oneDNN matmul rows must be >= 2 (pad a single row), got " + m);
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be in 1.." + MAX_THREADS + ", got " + threads);
        }
        dnn.setThreads(threads);
        Plan p = plan(m, threads);
        dnn.setData(p.src, src);
        dnn.setData(p.dst, dst);
        dnn.execute(p.primitive, 3, p.args);
    }

    private Plan plan(int m, int threads) {
        Plan[] byRows = plans[threads];
        if (byRows == null || byRows.length <= m) {
            Plan[] grown = new Plan[Math.max(m + 1, byRows == null ? 64 : byRows.length * 2)];
            if (byRows != null) {
                System.arraycopy(byRows, 0, grown, 0, byRows.length);
            }
            plans[threads] = byRows = grown;
        }
        Plan p = byRows[m];
        if (p == null) {
            byRows[m] = p = newPlan(m);
        }
        return p;
    }

    private Plan newPlan(int m) {
        MemorySegment pd = describe(m);
        try {
            String impl = dnn.implementation(pd);
            if (!impl.equals(implementation)) {
                // another implementation may reduce over K in another order: rows would then depend on M
                throw new OneDnnException("oneDNN picked " + impl + " for " + m + " rows of a [" + n + ", " + k
                        + "] matmul but " + implementation + " for " + LAYOUT_ROWS + "; rows would not be batch-invariant");
            }
            MemorySegment primitive = dnn.primitive(pd);
            MemorySegment src = dnn.memory(dnn.queryMd(pd, OneDnn.QUERY_SRC_MD), MemorySegment.NULL);
            MemorySegment dst = dnn.memory(dnn.queryMd(pd, OneDnn.QUERY_DST_MD), MemorySegment.NULL);
            MemorySegment args = OneDnn.execArgs(Arena.ofAuto(), 3);
            OneDnn.setArg(args, 0, OneDnn.ARG_SRC, src);
            OneDnn.setArg(args, 1, OneDnn.ARG_WEIGHTS, weightsMemory);
            OneDnn.setArg(args, 2, OneDnn.ARG_DST, dst);
            return new Plan(primitive, src, dst, args);
        } finally {
            dnn.destroyPd(pd);
        }
    }

    /** A matmul descriptor for m rows over the packed weight layout. */
    private MemorySegment describe(int m) {
        MemorySegment srcMd = dnn.memoryDesc(new long[] {m, k}, dataType, OneDnn.TAG_AB);
        MemorySegment dstMd = dnn.memoryDesc(new long[] {m, n}, OneDnn.F32, OneDnn.TAG_AB);
        try {
            return dnn.matmulDesc(srcMd, weightsMd, null, dstMd);
        } finally {
            dnn.destroyMd(srcMd);
            dnn.destroyMd(dstMd);
        }
    }
}
