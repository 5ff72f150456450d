package dev.zonos4j.tensor;

import java.lang.foreign.MemorySegment;

/** An f32 weight matrix in off-heap memory (a compute copy, or f32 bytes mapped from a checkpoint). */
public record F32Matrix(int rows, int cols, MemorySegment segment) implements WeightMatrix {

    public F32Matrix {
        if (rows <= 0 || cols <= 0 || segment.byteSize() != (long) rows * cols * 4) {
            throw new IllegalArgumentException("f32 matrix [" + rows + ", " + cols + "] needs "
                    + (long) rows * cols * 4 + " bytes, segment has " + segment.byteSize());
        }
    }

    @Override
    public Storage storage() {
        return Storage.F32;
    }

    @Override
    public float get(int r, int c) {
        return segment.getAtIndex(F32_LAYOUT, (long) r * cols + c);
    }
}
