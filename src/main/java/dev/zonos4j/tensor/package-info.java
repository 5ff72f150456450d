/**
 * Storage and compute kernels: {@link dev.zonos4j.tensor.WeightMatrix} (bf16 mapped from the checkpoint, or
 * an off-heap f32 copy), {@link dev.zonos4j.tensor.Kernels} (Vector API implementation and a plain scalar
 * reference), {@link dev.zonos4j.tensor.KvPool} / {@link dev.zonos4j.tensor.KvBlockTable} (blocked KV cache
 * under a byte budget), {@link dev.zonos4j.tensor.Parallel} (the one thread pool). Kernels compute each
 * activation row with a fixed operation order, so results are bit-identical whatever the batch.
 */
package dev.zonos4j.tensor;
