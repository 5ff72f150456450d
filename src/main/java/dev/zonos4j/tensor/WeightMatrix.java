package dev.zonos4j.tensor;

import dev.zonos4j.weights.DType;
import dev.zonos4j.weights.Tensor;
import dev.zonos4j.weights.WeightsException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A weight matrix [rows = out features, cols = in features], row-major, in off-heap memory: either the
 * memory-mapped bytes of a checkpoint (bf16 as shipped, no copy) or an f32 copy. Kernels read it through
 * {@link #segment()}; {@link #get} is the plain scalar view used by reference code and tests.
 */
public sealed interface WeightMatrix permits Bf16Matrix, F32Matrix, PackedMatrix {

    /** How the values are stored. */
    enum Storage {
        F32(4), BF16(2);

        private final int bytes;

        Storage(int bytes) {
            this.bytes = bytes;
        }

        public int bytes() {
            return bytes;
        }
    }

    ValueLayout.OfShort BF16_LAYOUT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    ValueLayout.OfFloat F32_LAYOUT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    int rows();

    int cols();

    Storage storage();

    /** The stored bytes, little-endian, row-major. */
    MemorySegment segment();

    /** Element [r, c] as float (bf16 widens exactly). */
    float get(int r, int c);

    default long bytes() {
        return (long) rows() * cols() * storage().bytes();
    }

    /** Copies row {@code r} into {@code dst[off .. off + cols)}. */
    default void copyRow(int r, float[] dst, int off) {
        for (int c = 0; c < cols(); c++) {
            dst[off + c] = get(r, c);
        }
    }

    /** Adds row {@code r} into {@code dst[off .. off + cols)}, element by element. */
    default void addRow(int r, float[] dst, int off) {
        for (int c = 0; c < cols(); c++) {
            dst[off + c] += get(r, c);
        }
    }

    /** Float value of a bf16 bit pattern: the 16 bits become the high half of a float32. */
    static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    /** Round-to-nearest-even bf16 bits of a float (NaN stays NaN). */
    static short floatToBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    /**
     * A 2-D tensor as a weight matrix in the requested storage: bf16 tensors kept as bf16 are the mapped
     * bytes themselves; everything else becomes an off-heap f32 copy (f32 tensors kept as f32 are mapped too).
     */
    static WeightMatrix of(Tensor t, Storage storage) {
        if (t.rank() != 2) {
            throw new WeightsException(t.source() + ": tensor '" + t.name() + "' has shape " + t.shapeString()
                    + ", expected a matrix [out, in]");
        }
        int rows = t.dim(0);
        int cols = t.dim(1);
        if (storage == Storage.BF16 && t.dtype() == DType.BF16) {
            return new Bf16Matrix(rows, cols, t.data());
        }
        if (t.dtype() == DType.F32) {
            return new F32Matrix(rows, cols, t.data());
        }
        if (!t.dtype().isFloating()) {
            throw new WeightsException(t.source() + ": tensor '" + t.name() + "' is " + t.dtype()
                    + ", expected a floating type (BF16, F16 or F32)");
        }
        return new F32Matrix(rows, cols, toF32(t, rows, cols));
    }

    /** An off-heap f32 copy of a floating tensor, converted in parallel row blocks. */
    private static MemorySegment toF32(Tensor t, int rows, int cols) {
        MemorySegment dst = Arena.ofAuto().allocate((long) rows * cols * 4, 64);
        MemorySegment src = t.data();
        DType dtype = t.dtype();
        Parallel.forRange(rows, 64, (from, to) -> {
            short[] bits = new short[cols];
            float[] row = new float[cols];
            for (int r = from; r < to; r++) {
                long first = (long) r * cols;
                if (dtype == DType.BF16 || dtype == DType.F16) {
                    MemorySegment.copy(src, BF16_LAYOUT, first * 2, bits, 0, cols);
                    for (int c = 0; c < cols; c++) {
                        row[c] = dtype == DType.BF16 ? bf16ToFloat(bits[c]) : Float.float16ToFloat(bits[c]);
                    }
                } else {
                    for (int c = 0; c < cols; c++) {
                        row[c] = t.getFloat(first + c);
                    }
                }
                MemorySegment.copy(row, 0, dst, F32_LAYOUT, first * 4, cols);
            }
        });
        return dst;
    }

    /** An off-heap f32 matrix holding {@code values} [rows * cols]. */
    static F32Matrix f32(int rows, int cols, float[] values) {
        checkCount(rows, cols, values.length);
        MemorySegment seg = Arena.ofAuto().allocate((long) rows * cols * 4, 64);
        MemorySegment.copy(values, 0, seg, F32_LAYOUT, 0, values.length);
        return new F32Matrix(rows, cols, seg);
    }

    /** An off-heap bf16 matrix holding {@code values} rounded to bf16. */
    static Bf16Matrix bf16(int rows, int cols, float[] values) {
        checkCount(rows, cols, values.length);
        MemorySegment seg = Arena.ofAuto().allocate((long) rows * cols * 2, 64);
        for (int i = 0; i < values.length; i++) {
            seg.setAtIndex(BF16_LAYOUT, i, floatToBf16(values[i]));
        }
        return new Bf16Matrix(rows, cols, seg);
    }

    private static void checkCount(int rows, int cols, int n) {
        if ((long) rows * cols != n) {
            throw new IllegalArgumentException("matrix [" + rows + ", " + cols + "] needs " + (long) rows * cols
                    + " values, got " + n);
        }
    }
}
