package dev.zonos4j.tensor;

import java.lang.foreign.MemorySegment;

/** A bf16 weight matrix over stored bytes (usually the memory-mapped checkpoint itself). */
public record Bf16Matrix(int rows, int cols, MemorySegment segment) implements WeightMatrix {

    public Bf16Matrix {
        if (rows <= 0 || cols <= 0 || segment.byteSize() != (long) rows * cols * 2) {
            throw new IllegalArgumentException("bf16 matrix [" + rows + ", " + cols + "] needs "
                    + (long) rows * cols * 2 + " bytes, segment has " + segment.byteSize());
        }
    }

    @Override
    public Storage storage() {
        return Storage.BF16;
    }

    @Override
    public float get(int r, int c) {
        return WeightMatrix.bf16ToFloat(segment.getAtIndex(BF16_LAYOUT, (long) r * cols + c));
    }
}
