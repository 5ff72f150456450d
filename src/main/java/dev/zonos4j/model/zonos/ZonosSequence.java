package dev.zonos4j.model.zonos;

import dev.zonos4j.tensor.KvBlockTable;

/**
 * One generation in progress (one text segment): its conditioning, delayed code buffer, position, KV caches
 * (one per guidance stream: cond, then uncond when cfg_scale != 1), sampler and RNG. Created by
 * {@link ZonosModel#newSequence}, advanced by {@link ZonosModel#prefill} and {@link ZonosModel#decodeStep};
 * state follows upstream's {@code generate()} exactly. Its KV memory returns to the pool when it finishes
 * or is closed.
 */
public final class ZonosSequence implements AutoCloseable {
    private static final int N = ZonosConfig.CODEBOOKS;

    final ZonosModel model;
    final Conditioning conditioning;
    final float cfgScale;
    final int prefixFrames; // P
    final int totalFrames; // T = P + max new frames
    final int[][] delayed; // [9][T + 9], UNKNOWN = not generated yet
    final KvBlockTable[] kv; // [streams]; the hybrid's hold its attention layers only
    final MambaState[] ssm; // [streams] Mamba2 states of the hybrid, null for the transformer
    final Sampler sampler;
    final SamplingParams sampling;
    final float repetitionPenalty;
    final int penaltyWindow;
    final float[] logits; // [9, width] CFG-combined
    final float[] finalLogits; // [9, width] after bias and penalty
    final int[] sampled = new int[N];
    final int[] input = new int[N];
    int offset; // columns [0, offset) have been fed or are being fed
    int remaining; // decode steps left (upstream's remaining_steps)
    boolean stopping; // EOS seen on codebook 0
    int position; // tokens in the KV caches
    int steps; // decode steps done
    boolean prefilled;
    boolean finished;
    private boolean closed;
    StepObserver observer;

    ZonosSequence(ZonosModel model, Conditioning conditioning, int[][] delayed, int prefixFrames, int totalFrames,
            float cfgScale, Sampler sampler, SamplingParams sampling, KvBlockTable[] kv, MambaState[] ssm, int width) {
        this.model = model;
        this.conditioning = conditioning;
        this.delayed = delayed;
        this.prefixFrames = prefixFrames;
        this.totalFrames = totalFrames;
        this.cfgScale = cfgScale;
        this.sampler = sampler;
        this.sampling = sampling;
        this.repetitionPenalty = sampling.repetitionPenalty();
        this.penaltyWindow = sampling.repetitionPenaltyWindow();
        this.kv = kv;
        this.ssm = ssm;
        this.logits = new float[N * width];
        this.finalLogits = new float[N * width];
    }

    /** Guidance streams: 2 (cond, uncond), or 1 when cfg_scale is 1. */
    public int streams() {
        return kv.length;
    }

    public boolean prefilled() {
        return prefilled;
    }

    /** True once generation ended (EOS + 8 steps, or the frame cap). */
    public boolean finished() {
        return finished;
    }

    /** Decode steps done so far. */
    public int steps() {
        return steps;
    }

    public int prefixFrames() {
        return prefixFrames;
    }

    /** Frames {@link #codes()} returns now (prefix included), upstream's {@code offset - 9}. */
    public int frames() {
        return Math.max(0, offset - N);
    }

    /**
     * The generated codes [9][frames], prefix included: the delay reverted, values >= 1024 (EOS, MASK) set
     * to 0, cut to {@link #frames()} as upstream's generate() returns them.
     */
    public int[][] codes() {
        int[][] all = DelayPattern.revert(delayed);
        int frames = frames();
        int eos = model.config().eosTokenId();
        int[][] out = new int[N][frames];
        for (int k = 0; k < N; k++) {
            for (int j = 0; j < frames; j++) {
                int v = all[k][j];
                out[k][j] = v >= eos ? 0 : v;
            }
        }
        return out;
    }

    /** A copy of the delayed code buffer [9][T + 9] (UNKNOWN = -1 where never written). */
    public int[][] delayedCodes() {
        int[][] out = new int[N][];
        for (int k = 0; k < N; k++) {
            out[k] = delayed[k].clone();
        }
        return out;
    }

    /** Attaches an observer of every step (debugging; costs a copy of the logits per step). */
    public void observe(StepObserver o) {
        this.observer = o;
    }

    /** Positions of KV cache this sequence can hold at most, per stream. */
    public int reservedPositions() {
        return kv[0].capacity();
    }

    /**
     * Decode-state bytes reserved now: the KV blocks of every stream (the worst case when reserved up front)
     * plus the hybrid's fixed-size states; 0 once closed.
     */
    public long kvBytes() {
        if (closed) {
            return 0;
        }
        long bytes = 0;
        for (KvBlockTable t : kv) {
            bytes += (long) t.reservedBlocks() * model.kvPool().blockBytes();
        }
        return bytes + kv.length * model.fixedStateBytes();
    }

    /** KV bytes the next decode step reserves beyond {@link #kvBytes()}: a block per stream when it starts one, else 0. */
    public long nextStepKvBytes() {
        if (!prefilled || finished) {
            return 0;
        }
        long bytes = 0;
        for (KvBlockTable t : kv) {
            bytes += (long) t.blocksToReserve(position + 1) * model.kvPool().blockBytes();
        }
        return bytes;
    }

    /** Gives the KV memory (and Mamba2 states) back; the codes stay readable. Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (KvBlockTable t : kv) {
            t.release();
        }
        if (ssm != null) {
            for (MambaState m : ssm) {
                m.release();
            }
        }
    }
}
