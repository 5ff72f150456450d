package dev.zonos4j.tensor;

import dev.zonos4j.util.ZonosException;
import java.util.ArrayDeque;

/**
 * Key/value cache memory: fixed-size blocks of {@code blockPositions} positions for every layer, handed out
 * to sequences within a byte budget. A sequence reserves blocks ({@link #reserve}) before it takes them: its
 * worst case up front (then it never fails for lack of memory), or block by block as its positions grow (then
 * its owner decides who may grow, as the engine's scheduler does). Blocks are recycled (fresh pages are
 * expensive), so the number of concurrent sequences follows from the budget.
 * Block layout: [layer][K | V][position in block][kvDim] values, stored as f32 ({@code float[]} blocks) or bf16
 * ({@code short[]} blocks: half the memory, so the same budget admits twice the positions). Thread-safe.
 */
public final class KvPool {
    /** Positions per block of an f32 pool (the exact path: its attention reads keys across positions). */
    public static final int F32_BLOCK_POSITIONS = 64;
    /**
     * Positions per block of a bf16 pool (the native backend). Its attention reads a head's keys and values of a
     * block as one run; 256 positions (64 KB at the published models' head size) read about 1.5× faster from
     * memory than 64 ({@code zonos bench kernels}, attention rows).
     */
    public static final int BF16_BLOCK_POSITIONS = 256;
    private final long budgetBytes;
    private final int blockPositions;
    private final int layers;
    private final int kvDim;
    private final WeightMatrix.Storage storage;
    private final ArrayDeque<Object> free = new ArrayDeque<>();
    private long reservedBlocks;
    private long allocatedBlocks;

    /** The block size pools of {@code storage} use unless told otherwise. */
    public static int defaultBlockPositions(WeightMatrix.Storage storage) {
        return storage == WeightMatrix.Storage.BF16 ? BF16_BLOCK_POSITIONS : F32_BLOCK_POSITIONS;
    }

    /** An f32 pool. */
    public KvPool(long budgetBytes, int blockPositions, int layers, int kvDim) {
        this(budgetBytes, blockPositions, layers, kvDim, WeightMatrix.Storage.F32);
    }

    public KvPool(long budgetBytes, int blockPositions, int layers, int kvDim, WeightMatrix.Storage storage) {
        if (blockPositions < 1 || layers < 1 || kvDim < 1) {
            throw new IllegalArgumentException("bad KV block shape: " + blockPositions + " positions, " + layers
                    + " layers, kvDim " + kvDim);
        }
        if ((long) blockPositions * layers * 2 * kvDim > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("KV block of " + blockPositions + " positions is too large");
        }
        this.budgetBytes = budgetBytes;
        this.blockPositions = blockPositions;
        this.layers = layers;
        this.kvDim = kvDim;
        this.storage = storage;
    }

    /** How K and V values are stored. */
    public WeightMatrix.Storage storage() {
        return storage;
    }

    public int blockPositions() {
        return blockPositions;
    }

    public int layers() {
        return layers;
    }

    public int kvDim() {
        return kvDim;
    }

    /** Values in one block. */
    public int blockValues() {
        return blockPositions * layers * 2 * kvDim;
    }

    public long blockBytes() {
        return (long) storage.bytes() * blockValues();
    }

    /** Bytes of K and V for one position of one row, all layers. */
    public long bytesPerPosition() {
        return (long) storage.bytes() * layers * 2 * kvDim;
    }

    public long budgetBytes() {
        return budgetBytes;
    }

    public synchronized long reservedBytes() {
        return reservedBlocks * blockBytes();
    }

    /** Bytes not yet promised to any sequence. */
    public synchronized long unreservedBytes() {
        return budgetBytes - reservedBlocks * blockBytes();
    }

    /** Bytes of blocks ever allocated (they are recycled, never freed while the pool lives). */
    public synchronized long allocatedBytes() {
        return allocatedBlocks * blockBytes();
    }

    public int blocksFor(int positions) {
        return (positions + blockPositions - 1) / blockPositions;
    }

    /** Whether {@code blocks} more blocks fit in the budget now. */
    public synchronized boolean canReserve(int blocks) {
        return (reservedBlocks + blocks) * blockBytes() <= budgetBytes;
    }

    /** Promises {@code blocks} blocks to a caller; fails with a clear message when the budget is exceeded. */
    public synchronized void reserve(int blocks) {
        if (!canReserve(blocks)) {
            throw new ZonosException(String.format(java.util.Locale.ROOT,
                    "KV cache budget exceeded: a sequence needs %.1f MiB, %.1f MiB of %.1f MiB are free",
                    blocks * blockBytes() / 1048576.0, unreservedBytes() / 1048576.0, budgetBytes / 1048576.0));
        }
        reservedBlocks += blocks;
    }

    synchronized void unreserve(int blocks) {
        reservedBlocks -= blocks;
    }

    /** A block: {@code float[]} or {@code short[]} by {@link #storage()}. */
    synchronized Object take() {
        Object b = free.pollLast();
        if (b == null) {
            b = storage == WeightMatrix.Storage.BF16 ? new short[blockValues()] : new float[blockValues()];
            allocatedBlocks++;
        }
        return b;
    }

    synchronized void give(Object block) {
        free.addLast(block);
    }
}
