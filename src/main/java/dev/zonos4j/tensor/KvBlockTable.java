package dev.zonos4j.tensor;

/**
 * The KV cache of one row (one sequence's cond or uncond stream): its blocks from a {@link KvPool}, in
 * position order. Created with a reservation for its worst-case length; {@link #ensure} takes blocks as
 * positions grow; {@link #release} gives everything back. Not thread-safe (one owner).
 *
 * <p>Layout of one layer inside a block: keys transposed, [kvDim channels][blockPositions], so attention
 * scores for consecutive positions are plain vector FMAs; then values [blockPositions][kvDim].
 */
public final class KvBlockTable {
    private final KvPool pool;
    private final int reservedBlocks;
    private final float[][] blocks;
    private final int blockPositions;
    private final int kvDim;
    private final int layerStride;
    private int count;
    private boolean released;

    /** Reserves room for {@code maxPositions} positions (throws when the pool's budget is exceeded). */
    public KvBlockTable(KvPool pool, int maxPositions) {
        this.pool = pool;
        this.reservedBlocks = pool.blocksFor(maxPositions);
        pool.reserve(reservedBlocks);
        this.blocks = new float[reservedBlocks][];
        this.blockPositions = pool.blockPositions();
        this.kvDim = pool.kvDim();
        this.layerStride = 2 * blockPositions * kvDim;
    }

    /** Positions this table can hold. */
    public int capacity() {
        return reservedBlocks * blockPositions;
    }

    /** Makes sure positions [0, positions) have blocks. */
    public void ensure(int positions) {
        if (released) {
            throw new IllegalStateException("KV cache already released");
        }
        if (positions > capacity()) {
            throw new IllegalStateException("KV cache reserved for " + capacity() + " positions, asked for " + positions);
        }
        int need = pool.blocksFor(positions);
        while (count < need) {
            blocks[count++] = pool.take();
        }
    }

    /** Copies positions [0, positions) of every layer from {@code other} (same pool shape) into this table. */
    public void copyFrom(KvBlockTable other, int positions) {
        if (other.kvDim != kvDim || other.blockPositions != blockPositions || other.layerStride != layerStride) {
            throw new IllegalArgumentException("KV tables of different shapes");
        }
        ensure(positions);
        for (int b = 0; b < pool.blocksFor(positions); b++) {
            System.arraycopy(other.blocks[b], 0, blocks[b], 0, blocks[b].length);
        }
    }

    /** Returns the blocks and the reservation to the pool; idempotent. */
    public void release() {
        if (released) {
            return;
        }
        for (int i = 0; i < count; i++) {
            pool.give(blocks[i]);
            blocks[i] = null;
        }
        count = 0;
        pool.unreserve(reservedBlocks);
        released = true;
    }

    public int blockPositions() {
        return blockPositions;
    }

    public int kvDim() {
        return kvDim;
    }

    /** The block holding position {@code pos}. */
    public float[] block(int pos) {
        return blocks[pos / blockPositions];
    }

    /** Offset of the transposed keys of {@code layer} in a block: channel c of the block's position p is at +c*B+p. */
    public int keyBase(int layer) {
        return layer * layerStride;
    }

    /** Offset of V[layer][pos][0] inside {@link #block(int)}. */
    public int valueOffset(int layer, int pos) {
        return layer * layerStride + (blockPositions + pos % blockPositions) * kvDim;
    }

    /** K[layer][pos][c]. */
    public float key(int layer, int pos, int c) {
        return block(pos)[keyBase(layer) + c * blockPositions + pos % blockPositions];
    }

    /** Stores K[layer][pos][0 .. kvDim) from {@code src[off ..]}. */
    public void putKey(int layer, int pos, float[] src, int off) {
        float[] b = block(pos);
        int at = keyBase(layer) + pos % blockPositions;
        for (int c = 0; c < kvDim; c++) {
            b[at + c * blockPositions] = src[off + c];
        }
    }

    /** Stores V[layer][pos][0 .. kvDim) from {@code src[off ..]}. */
    public void putValue(int layer, int pos, float[] src, int off) {
        System.arraycopy(src, off, block(pos), valueOffset(layer, pos), kvDim);
    }
}
