package dev.zonos4j.tensor;

/**
 * The KV cache of one row (one sequence's cond or uncond stream): its blocks from a {@link KvPool}, in
 * position order, up to a fixed capacity (its worst-case length). Either the whole capacity is reserved up
 * front (a caller that wants to fail before it starts), or only what is asked for: then {@link #ensure}
 * reserves each block as positions grow and fails when the pool's budget is spent, so the owner must make
 * sure the room is there before it grows (the engine's scheduler does, see its admission rule).
 * {@link #ensure} takes blocks as positions grow; {@link #release} gives everything back. Not thread-safe
 * (one owner).
 *
 * <p>Layout of one layer inside a block: keys transposed, [kvDim channels][blockPositions], so attention
 * scores for consecutive positions are plain vector FMAs; then values [blockPositions][kvDim]. Blocks are
 * {@code float[]} ({@link #block}) or, in a bf16 pool, {@code short[]} ({@link #bf16Block}; values rounded to
 * nearest even when stored).
 *
 * <p>A bf16 table whose block positions and kvDim are multiples of {@link #PAIR_GROUP} is {@link #paired}: inside
 * each group of {@code PAIR_GROUP} key positions (and of value channels), element {@code i} of the group's first
 * half and element {@code i} of its second half are stored side by side. One vector load of the group, read as
 * 32-bit lanes, then widens to two float vectors of consecutive elements with a shift and a mask, where the
 * plain order needs a cross-lane conversion per vector. Keys and values are stored a channel group at a time
 * (keys [kvDim / G][blockPositions / G][G channels][G positions], values [kvDim / G][blockPositions][G channels],
 * G = PAIR_GROUP), so a head's keys or values in a block, read a channel group after another, are one contiguous
 * run.
 */
public final class KvBlockTable {
    /** Elements per interleaved group in a paired bf16 table: two float vectors' worth. */
    public static final int PAIR_GROUP = 2 * VectorMath.L;

    private final KvPool pool;
    private int reservedBlocks;
    private final Object[] blocks;
    private final boolean bf16;
    private final boolean paired;
    private final int blockPositions;
    private final int kvDim;
    private final int layerStride;
    private int count;
    private boolean released;

    /** Reserves room for {@code maxPositions} positions now (throws when the pool's budget is exceeded). */
    public KvBlockTable(KvPool pool, int maxPositions) {
        this(pool, maxPositions, maxPositions);
    }

    /**
     * Room for up to {@code maxPositions} positions, of which {@code reservePositions} are reserved now (throws
     * when the pool's budget is exceeded); {@link #ensure} reserves the rest block by block as it is reached.
     */
    public KvBlockTable(KvPool pool, int maxPositions, int reservePositions) {
        if (reservePositions < 0 || reservePositions > maxPositions) {
            throw new IllegalArgumentException("reserve " + reservePositions + " of " + maxPositions + " positions");
        }
        this.pool = pool;
        int reserve = pool.blocksFor(reservePositions);
        pool.reserve(reserve);
        this.reservedBlocks = reserve;
        this.blocks = new Object[pool.blocksFor(maxPositions)];
        this.bf16 = pool.storage() == WeightMatrix.Storage.BF16;
        this.blockPositions = pool.blockPositions();
        this.kvDim = pool.kvDim();
        this.layerStride = 2 * blockPositions * kvDim;
        this.paired = bf16 && blockPositions % PAIR_GROUP == 0 && kvDim % PAIR_GROUP == 0;
    }

    /** Whether bf16 keys and values are stored pair-interleaved (see the class comment). */
    public boolean paired() {
        return paired;
    }

    /** Where element {@code i} of a block row (key position or value channel) is stored. */
    private int slot(int i) {
        if (!paired) {
            return i;
        }
        int r = i % PAIR_GROUP;
        int half = PAIR_GROUP / 2;
        return i - r + (r < half ? 2 * r : 2 * (r - half) + 1);
    }

    /** Positions this table can hold. */
    public int capacity() {
        return blocks.length * blockPositions;
    }

    /** Blocks reserved in the pool for this table now. */
    public int reservedBlocks() {
        return reservedBlocks;
    }

    /** Blocks beyond those reserved now that {@link #ensure}{@code (positions)} would reserve. */
    public int blocksToReserve(int positions) {
        return Math.max(0, pool.blocksFor(positions) - reservedBlocks);
    }

    /**
     * Makes sure positions [0, positions) have blocks, reserving blocks beyond the reservation one by one (throws
     * {@link dev.zonos4j.util.ZonosException} when the pool's budget is spent; the blocks taken so far stay).
     */
    public void ensure(int positions) {
        if (released) {
            throw new IllegalStateException("KV cache already released");
        }
        if (positions > capacity()) {
            throw new IllegalStateException("KV cache reserved for " + capacity() + " positions, asked for " + positions);
        }
        int need = pool.blocksFor(positions);
        while (count < need) {
            if (count == reservedBlocks) {
                pool.reserve(1);
                reservedBlocks++;
            }
            blocks[count++] = pool.take();
        }
    }

    /** Copies positions [0, positions) of every layer from {@code other} (same pool shape) into this table. */
    public void copyFrom(KvBlockTable other, int positions) {
        if (other.kvDim != kvDim || other.blockPositions != blockPositions || other.layerStride != layerStride
                || other.bf16 != bf16) {
            throw new IllegalArgumentException("KV tables of different shapes");
        }
        ensure(positions);
        for (int b = 0; b < pool.blocksFor(positions); b++) {
            System.arraycopy(other.blocks[b], 0, blocks[b], 0, pool.blockValues());
        }
    }

    /** How values are stored. */
    public WeightMatrix.Storage storage() {
        return bf16 ? WeightMatrix.Storage.BF16 : WeightMatrix.Storage.F32;
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
        reservedBlocks = 0;
        released = true;
    }

    public int blockPositions() {
        return blockPositions;
    }

    public int kvDim() {
        return kvDim;
    }

    /** The f32 block holding position {@code pos}. */
    public float[] block(int pos) {
        return (float[]) blocks[pos / blockPositions];
    }

    /** The bf16 block holding position {@code pos} (bf16 pools). */
    public short[] bf16Block(int pos) {
        return (short[]) blocks[pos / blockPositions];
    }

    /**
     * Offset of the transposed keys of {@code layer} in a block: channel c of the block's position p is at +c*B+p
     * (when {@link #paired}: at +(c/G)*B*G + (p/G)*G*G + (c%G)*G + slot(p%G), G = {@link #PAIR_GROUP}).
     */
    public int keyBase(int layer) {
        return layer * layerStride;
    }

    /**
     * Offset of the values of {@code layer} in a block: position p of the block, channel c at +p*kvDim+c
     * (when {@link #paired}: at +(c/G)*B*G + p*G + slot(c%G), G = {@link #PAIR_GROUP}).
     */
    public int valueBase(int layer) {
        return layer * layerStride + blockPositions * kvDim;
    }

    /** Offset of K[layer][pos][c] inside its block. */
    private int keyOffset(int layer, int pos, int c) {
        int p = pos % blockPositions;
        if (!paired) {
            return keyBase(layer) + c * blockPositions + p;
        }
        int g = PAIR_GROUP;
        return keyBase(layer) + c / g * blockPositions * g + p / g * g * g + c % g * g + slot(p % g);
    }

    /** Offset of V[layer][pos][c] inside its block. */
    private int valueOffset(int layer, int pos, int c) {
        int p = pos % blockPositions;
        if (!paired) {
            return valueBase(layer) + p * kvDim + c;
        }
        int g = PAIR_GROUP;
        return valueBase(layer) + c / g * blockPositions * g + p * g + slot(c % g);
    }

    /** K[layer][pos][c] as stored. */
    public float key(int layer, int pos, int c) {
        return get(pos, keyOffset(layer, pos, c));
    }

    /** V[layer][pos][c] as stored. */
    public float value(int layer, int pos, int c) {
        return get(pos, valueOffset(layer, pos, c));
    }

    private float get(int pos, int at) {
        return bf16 ? WeightMatrix.bf16ToFloat(bf16Block(pos)[at]) : block(pos)[at];
    }

    /** Stores K[layer][pos][0 .. kvDim) from {@code src[off ..]}. */
    public void putKey(int layer, int pos, float[] src, int off) {
        if (!bf16) {
            float[] b = block(pos);
            int at = keyOffset(layer, pos, 0);
            for (int c = 0; c < kvDim; c++) {
                b[at + c * blockPositions] = src[off + c];
            }
            return;
        }
        short[] b = bf16Block(pos);
        int group = paired ? PAIR_GROUP : kvDim;
        int step = paired ? PAIR_GROUP : blockPositions;
        for (int c0 = 0; c0 < kvDim; c0 += group) {
            int at = keyOffset(layer, pos, c0);
            for (int i = 0; i < group; i++) {
                b[at + i * step] = WeightMatrix.floatToBf16(src[off + c0 + i]);
            }
        }
    }

    /** Stores V[layer][pos][0 .. kvDim) from {@code src[off ..]}. */
    public void putValue(int layer, int pos, float[] src, int off) {
        if (!bf16) {
            System.arraycopy(src, off, block(pos), valueOffset(layer, pos, 0), kvDim);
            return;
        }
        short[] b = bf16Block(pos);
        int group = paired ? PAIR_GROUP : kvDim;
        for (int c0 = 0; c0 < kvDim; c0 += group) {
            int at = valueOffset(layer, pos, c0);
            for (int i = 0; i < group; i++) {
                b[at + slot(i)] = WeightMatrix.floatToBf16(src[off + c0 + i]);
            }
        }
    }
}
