package dev.zonos4j.tensor;

import dev.zonos4j.tensor.onednn.OneDnn;
import dev.zonos4j.tensor.onednn.OneDnnMatMul;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The native backend: matmuls of {@link #prepare prepared} weights run in oneDNN (bf16 dot products on
 * AVX512-BF16 / AMX, f32 accumulation, f32 output); everything else runs the Vector API kernels. With bf16
 * weights the activations entering a matmul are rounded to bf16, as upstream's bf16 mode computes; with f32
 * weights the matmul stays f32. Unprepared matrices fall back to the Vector API matmul.
 *
 * <p>Batch invariance holds as for the other backends: each row's result is independent of the other rows and
 * of the row count ({@link OneDnnMatMul}); a single row is padded to two with a zero row, and prefill's rows to
 * a multiple of {@link #ROW_STEP} ({@link #paddedRows}).
 */
final class NativeKernels implements Kernels {
    private final OneDnn dnn;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    private final Kernels portable = VectorKernels.INSTANCE;

    NativeKernels(OneDnn dnn) {
        this.dnn = dnn;
    }

    /** Native buffers of one calling thread; they only grow. */
    private static final class Scratch {
        MemorySegment src = MemorySegment.NULL;
        MemorySegment dst = MemorySegment.NULL;
        short[] bits = new short[0];

        void ensure(long srcBytes, long dstBytes, int srcShorts) {
            if (src.byteSize() < srcBytes) {
                src = Arena.ofAuto().allocate(Math.max(srcBytes, src.byteSize() * 2), 64);
            }
            if (dst.byteSize() < dstBytes) {
                dst = Arena.ofAuto().allocate(Math.max(dstBytes, dst.byteSize() * 2), 64);
            }
            if (bits.length < srcShorts) {
                bits = new short[Math.max(srcShorts, bits.length * 2)];
            }
        }
    }

    @Override
    public Backend backend() {
        return Backend.NATIVE;
    }

    @Override
    public String describe() {
        return "native: " + dnn.libraryInfo() + ", ISA " + dnn.isa() + ", matmul " + sampleImplementation();
    }

    private String sampleImplementation() {
        WeightMatrix w = prepare(WeightMatrix.bf16(64, 64, new float[64 * 64]));
        return ((PackedMatrix) w).packed().implementation();
    }

    @Override
    public WeightMatrix prepare(WeightMatrix w) {
        if (w instanceof PackedMatrix) {
            return w;
        }
        int type = w.storage() == WeightMatrix.Storage.BF16 ? OneDnn.BF16 : OneDnn.F32;
        OneDnnMatMul mm = OneDnnMatMul.pack(dnn, w.segment(), w.rows(), w.cols(), type, Parallel.threads());
        if (w.segment().isMapped()) {
            w.segment().unload();
        }
        return new PackedMatrix(w, mm);
    }

    @Override
    public void matmul(WeightMatrix w, float[] x, int rows, float[] y) {
        if (!(w instanceof PackedMatrix p)) {
            portable.matmul(w, x, rows, y);
            return;
        }
        if (rows <= 0) {
            return;
        }
        int k = w.cols();
        int n = w.rows();
        int m = paddedRows(rows);
        boolean bf16 = w.storage() == WeightMatrix.Storage.BF16;
        long srcBytes = (long) m * k * (bf16 ? 2 : 4);
        Scratch s = scratch.get();
        s.ensure(srcBytes, (long) m * n * 4, bf16 ? m * k : 0);
        if (bf16) {
            short[] bits = s.bits;
            int count = rows * k;
            toBf16(x, bits, count);
            java.util.Arrays.fill(bits, count, m * k, (short) 0);
            MemorySegment.copy(bits, 0, s.src, ValueLayout.JAVA_SHORT, 0, m * k);
        } else {
            MemorySegment.copy(x, 0, s.src, ValueLayout.JAVA_FLOAT, 0, rows * k);
            if (m > rows) {
                s.src.asSlice((long) rows * k * 4, (long) (m - rows) * k * 4).fill((byte) 0);
            }
        }
        p.packed().run(m, s.src, s.dst, Parallel.threads());
        MemorySegment.copy(s.dst, ValueLayout.JAVA_FLOAT, 0, y, 0, rows * n);
    }

    /**
     * The row count a matmul of {@code rows} runs with: one row is padded to two (oneDNN runs M = 1 another way),
     * and prefill's many rows to a multiple of {@link #ROW_STEP}, so a long text's segments, each with its own
     * prompt length, share a few primitives instead of building ~100 new ones each (rows never affect each other).
     */
    static int paddedRows(int rows) {
        return rows <= ROW_STEP ? Math.max(rows, 2) : Math.ceilDiv(rows, ROW_STEP) * ROW_STEP;
    }

    /** Decode batches up to this many rows run unpadded. */
    static final int ROW_STEP = 32;

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Short> S = VectorSpecies.of(short.class, VectorShape.forBitSize(F.length() * 16));

    /** {@link WeightMatrix#floatToBf16} of x[0 .. n) into bits, L lanes at a time (same bits as the scalar rounding). */
    static void toBf16(float[] x, short[] bits, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector v = FloatVector.fromArray(F, x, i);
            IntVector b = v.reinterpretAsInts();
            IntVector rounded = b.add(b.lanewise(VectorOperators.LSHR, 16).and(1).add(0x7FFF)).lanewise(VectorOperators.LSHR, 16);
            IntVector nan = b.lanewise(VectorOperators.LSHR, 16).or(0x40);
            IntVector r = rounded.blend(nan, v.test(VectorOperators.IS_NAN).cast(IntVector.SPECIES_PREFERRED));
            ((ShortVector) r.convertShape(VectorOperators.I2S, S, 0)).intoArray(bits, i);
        }
        for (; i < n; i++) {
            bits[i] = WeightMatrix.floatToBf16(x[i]);
        }
    }

    @Override
    public void layerNorm(float[] x, float[] y, int rows, float[] weight, float[] bias, float eps) {
        portable.layerNorm(x, y, rows, weight, bias, eps);
    }

    @Override
    public void rotary(float[] x, int off, int heads, int headDim, float[] cos, float[] sin, int csOff) {
        portable.rotary(x, off, heads, headDim, cos, sin, csOff);
    }

    @Override
    public void siluGate(float[] fc1, int rows, int n, float[] out) {
        portable.siluGate(fc1, rows, n, out);
    }

    @Override
    public void softmax(float[] x, int off, int n) {
        portable.softmax(x, off, n);
    }

    @Override
    public void attention(float[] q, int qOff, KvBlockTable kv, int layer, int len, int heads, int kvHeads, int headDim,
            float[] out, int outOff) {
        portable.attention(q, qOff, kv, layer, len, heads, kvHeads, headDim, out, outOff);
    }
}
