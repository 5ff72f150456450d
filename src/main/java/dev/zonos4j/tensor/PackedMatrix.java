package dev.zonos4j.tensor;

import dev.zonos4j.tensor.onednn.OneDnnMatMul;
import java.lang.foreign.MemorySegment;

/**
 * A weight matrix packed once into the native backend's blocked layout ({@link NativeKernels#prepare}). The
 * packed copy is what matmuls read; the source (usually the memory-mapped checkpoint) stays mapped for row
 * lookups and the portable kernels, and its pages are released after packing so one copy is resident.
 */
public record PackedMatrix(WeightMatrix source, OneDnnMatMul packed) implements WeightMatrix {

    @Override
    public int rows() {
        return source.rows();
    }

    @Override
    public int cols() {
        return source.cols();
    }

    @Override
    public Storage storage() {
        return source.storage();
    }

    @Override
    public MemorySegment segment() {
        return source.segment();
    }

    @Override
    public float get(int r, int c) {
        return source.get(r, c);
    }
}
