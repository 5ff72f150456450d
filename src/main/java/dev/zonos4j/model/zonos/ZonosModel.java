package dev.zonos4j.model.zonos;

import dev.zonos4j.tensor.Backend;
import dev.zonos4j.tensor.Kernels;
import dev.zonos4j.tensor.KvBlockTable;
import dev.zonos4j.tensor.KvPool;
import dev.zonos4j.tensor.Rotary;
import dev.zonos4j.tensor.SsmKernels;
import dev.zonos4j.tensor.WeightMatrix;
import dev.zonos4j.tensor.WeightMatrix.Storage;
import dev.zonos4j.util.InvalidInputException;
import dev.zonos4j.util.ZonosException;
import dev.zonos4j.weights.SafeTensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Zonos v0.1 language model, transformer or hybrid (Mamba2 + attention, chosen by config.json): prefix
 * conditioning, backbone, heads, guidance, delay pattern and sampling, reproducing upstream's
 * {@code Zonos.generate()} step for step.
 *
 * <p>Engine use: {@link #prepareConditioning} once per request, {@link #newSequence} per segment,
 * {@link #prefill} it, then call {@link #decodeStep} with every active sequence until each is
 * {@link ZonosSequence#finished()}; read {@link ZonosSequence#codes()}. A decode step runs all rows of all
 * sequences (2 per sequence with guidance, 1 when cfg_scale is 1) through one pass over the weights; each
 * sequence keeps its own positions, KV length and RNG, so its codes are identical alone or batched.
 *
 * <p>Not thread-safe: one thread drives a model (methods are synchronized as a guard).
 */
public final class ZonosModel {
    private static final int N = ZonosConfig.CODEBOOKS;
    /** Prefill tokens per backbone pass: rows are independent, so this sets GEMM size only, never results. */
    private static final int PREFILL_CHUNK = 128;

    private final ZonosConfig config;
    private final Storage precision;
    private final ZonosWeights weights;
    private final Kernels kernels;
    private final PrefixConditioner conditioner;
    private final BackbonePass backbone;
    private final Workspace ws;
    private final KvPool kvPool;
    private final int width;
    private final int d;

    private ZonosModel(ZonosConfig config, ZonosWeights weights, Storage precision, Kernels kernels, long kvBudgetBytes,
            int kvBlockPositions) {
        this.config = config;
        this.weights = weights;
        this.precision = precision;
        this.kernels = kernels;
        this.d = config.backbone().dModel();
        this.width = config.logitsWidth();
        this.conditioner = new PrefixConditioner(weights, d, kernels);
        var bb = config.backbone();
        this.backbone = bb.hybrid()
                ? new HybridBackbone(weights, config, kernels, SsmKernels.of(kernels))
                : new Backbone(weights, config, kernels);
        this.ws = new Workspace(config);
        this.kvPool = new KvPool(kvBudgetBytes, kvBlockPositions, bb.attentionLayers(), bb.attnCfg().numHeadsKv() * bb.headDim(),
                kvStorage(kernels));
    }

    /** Loads {@code dir/config.json} and {@code dir/model.safetensors}; KV budget: a quarter of the max heap. */
    public static ZonosModel load(Path dir, Storage precision) {
        return load(dir, precision, Runtime.getRuntime().maxMemory() / 4, Kernels.preferred());
    }

    /** Loads a model directory with the preferred kernels and a KV budget of {@code kvBudgetBytes}. */
    public static ZonosModel load(Path dir, Storage precision, long kvBudgetBytes) {
        return load(dir, precision, kvBudgetBytes, Kernels.preferred());
    }

    /**
     * Loads a model directory. {@code precision} BF16 keeps the shipped bf16 weights memory-mapped (no copy);
     * F32 makes an off-heap float copy. {@code kvBudgetBytes} bounds the KV cache of all live sequences.
     */
    public static ZonosModel load(Path dir, Storage precision, long kvBudgetBytes, Kernels kernels) {
        return load(dir, precision, kvBudgetBytes, kernels, KvPool.defaultBlockPositions(kvStorage(kernels)));
    }

    /** As above, with {@code kvBlockPositions} positions per KV block instead of the backend's default. */
    public static ZonosModel load(Path dir, Storage precision, long kvBudgetBytes, Kernels kernels, int kvBlockPositions) {
        Path cfgFile = dir.resolve("config.json");
        Path modelFile = dir.resolve("model.safetensors");
        for (Path p : List.of(cfgFile, modelFile)) {
            if (!Files.isRegularFile(p)) {
                throw new ZonosException("model folder " + dir + " has no " + p.getFileName()
                        + " (expected config.json and model.safetensors of Zyphra/Zonos-v0.1-transformer or -hybrid)");
            }
        }
        ZonosConfig config = ZonosConfig.read(cfgFile);
        ZonosWeights weights = ZonosWeights.load(SafeTensors.open(modelFile), config, precision, kernels);
        return new ZonosModel(config, weights, precision, kernels, kvBudgetBytes, kvBlockPositions);
    }

    /** The fast path keeps K and V in bf16 (half the memory and the bytes attention reads); the exact path f32. */
    private static Storage kvStorage(Kernels kernels) {
        return kernels.backend() == Backend.NATIVE ? Storage.BF16 : Storage.F32;
    }

    public ZonosConfig config() {
        return config;
    }

    public Storage precision() {
        return precision;
    }

    /** The kernels this model runs on. */
    public Kernels kernels() {
        return kernels;
    }

    public KvPool kvPool() {
        return kvPool;
    }

    /** Weight bytes one decode step streams (backbone matrices and heads), for GB/s figures. */
    public long streamedBytesPerStep() {
        return weights.streamedBytes();
    }

    /** Weights of the backbone's and heads' matrices (each does one multiply-add per position). */
    public long backboneParameters() {
        return weights.streamedBytes() / precision.bytes();
    }

    /**
     * Decode-state bytes one sequence holds at most: per stream, KV for every position it can reach (the
     * hybrid: its attention layers only) plus the hybrid's fixed-size float32 Mamba2 states.
     */
    public long kvBytesFor(int conditioningLength, int prefixFrames, int maxNewFrames, float cfgScale) {
        int streams = cfgScale == 1f ? 1 : 2;
        long kv = kvPool.blocksFor(maxPositions(conditioningLength, prefixFrames, maxNewFrames)) * kvPool.blockBytes();
        return streams * (kv + fixedStateBytes());
    }

    /**
     * Decode-state bytes a sequence holds once prefilled, when it reserves KV as it grows
     * ({@link #newSequence(Conditioning, int[][], SamplingParams, float, long, int, boolean)}): per stream, the
     * blocks of its prefill positions plus the hybrid's fixed-size states.
     */
    public long kvBytesAtStart(int conditioningLength, int prefixFrames, float cfgScale) {
        int streams = cfgScale == 1f ? 1 : 2;
        long kv = kvPool.blocksFor(conditioningLength + prefixFrames + 1) * kvPool.blockBytes();
        return streams * (kv + fixedStateBytes());
    }

    /** Bytes of one stream's state that do not grow with length: the hybrid's Mamba2 states, 0 for the transformer. */
    public long fixedStateBytes() {
        return config.backbone().hybrid() ? MambaState.bytes(config.backbone()) : 0;
    }

    private static int maxPositions(int conditioningLength, int prefixFrames, int maxNewFrames) {
        // prefill L + P + 1, then at most T + 8 - P decode steps, T = P + maxNewFrames
        return conditioningLength + prefixFrames + maxNewFrames + N;
    }

    /** Upstream's {@code prepare_conditioning}: [2, L, d], cond row then uncond row. */
    public synchronized Conditioning prepareConditioning(ConditioningInputs inputs) {
        return conditioner.prepare(inputs);
    }

    /** {@link #prepareConditioning} with every intermediate tensor (debugging and golden checks). */
    public synchronized ConditioningTrace traceConditioning(ConditioningInputs inputs) {
        java.util.Map<String, float[]> parts = new java.util.LinkedHashMap<>();
        for (int i = 0; i < conditioner.count(); i++) {
            parts.put(conditioner.name(i), conditioner.part(i, inputs, true));
        }
        float[] condConcat = conditioner.concat(inputs, true);
        float[] uncondConcat = conditioner.concat(inputs, false);
        float[] condProjected = conditioner.project(condConcat);
        float[] uncondProjected = conditioner.project(uncondConcat);
        float[] cond = conditioner.normalize(condProjected);
        float[] uncond = conditioner.normalize(uncondProjected);
        return new ConditioningTrace(java.util.Collections.unmodifiableMap(parts), condConcat, uncondConcat,
                condProjected, uncondProjected, new Conditioning(cond.length / d, d, cond, uncond));
    }

    /**
     * A new sequence, KV reserved for its worst case (throws {@link ZonosException} when the pool's budget is
     * exhausted: finish or close other sequences first).
     *
     * @param audioPrefixCodes codes [9][P] (0..1023) the audio continues from, or null
     * @param cfgScale         classifier-free guidance scale, >= 1 (1 = no guidance, one stream)
     * @param seed             the sequence's RNG seed (ignored by greedy decoding)
     * @param maxNewFrames     frame cap (upstream's max_new_tokens); generation also stops 9 frames after EOS
     */
    public ZonosSequence newSequence(Conditioning conditioning, int[][] audioPrefixCodes, SamplingParams sampling,
            float cfgScale, long seed, int maxNewFrames) {
        return newSequence(conditioning, audioPrefixCodes, sampling, cfgScale, seed, maxNewFrames, true);
    }

    /**
     * As above; with {@code reserveWorstCase} false the sequence reserves KV only as its positions grow (its
     * prefill, then a block per stream every block's worth of steps): prefill and decode steps then
     * throw {@link ZonosException} when the pool's budget is spent, so the caller must check
     * {@link ZonosSequence#nextStepKvBytes()} against what it knows is free before each step.
     */
    public ZonosSequence newSequence(Conditioning conditioning, int[][] audioPrefixCodes, SamplingParams sampling,
            float cfgScale, long seed, int maxNewFrames, boolean reserveWorstCase) {
        if (conditioning.dModel() != d) {
            throw new IllegalArgumentException("conditioning has width " + conditioning.dModel() + ", model d_model is " + d);
        }
        if (!(cfgScale >= 1) || Float.isInfinite(cfgScale)) {
            throw new InvalidInputException("cfg_scale must be >= 1 (1 = no guidance), got " + cfgScale);
        }
        if (maxNewFrames < 1) {
            throw new InvalidInputException("max new frames must be >= 1, got " + maxNewFrames);
        }
        int prefix = audioPrefixCodes == null ? 0 : checkPrefix(audioPrefixCodes);
        int positions = maxPositions(conditioning.length(), prefix, maxNewFrames);
        if (positions > Rotary.MAX_POSITIONS) {
            throw new InvalidInputException("a sequence of " + conditioning.length() + " conditioning rows, " + prefix
                    + " prefix frames and " + maxNewFrames + " new frames needs " + positions + " positions; the model "
                    + "supports " + Rotary.MAX_POSITIONS + " (shorten the segment or the frame cap)");
        }
        int total = prefix + maxNewFrames;
        int[][] codes = new int[N][total];
        for (int k = 0; k < N; k++) {
            java.util.Arrays.fill(codes[k], DelayPattern.UNKNOWN);
            if (prefix > 0) {
                System.arraycopy(audioPrefixCodes[k], 0, codes[k], 0, prefix);
            }
        }
        int[][] delayed = DelayPattern.delay(codes, config.maskedTokenId());
        int streams = cfgScale == 1f ? 1 : 2;
        KvBlockTable[] kv = new KvBlockTable[streams];
        try {
            for (int s = 0; s < streams; s++) {
                kv[s] = new KvBlockTable(kvPool, positions, reserveWorstCase ? positions : 0);
            }
        } catch (RuntimeException e) {
            for (KvBlockTable t : kv) {
                if (t != null) {
                    t.release();
                }
            }
            throw e;
        }
        MambaState[] ssm = null;
        if (config.backbone().hybrid()) {
            ssm = new MambaState[streams];
            for (int s = 0; s < streams; s++) {
                ssm[s] = new MambaState(config.backbone());
            }
        }
        Sampler sampler = new Sampler(sampling, seed, width, kernels);
        return new ZonosSequence(this, conditioning, delayed, prefix, total, cfgScale, sampler, sampling, kv, ssm, width);
    }

    private static int checkPrefix(int[][] codes) {
        if (codes.length != N) {
            throw new InvalidInputException("audio prefix must have " + N + " codebooks, got " + codes.length);
        }
        int p = codes[0].length;
        for (int[] row : codes) {
            if (row.length != p) {
                throw new InvalidInputException("audio prefix codebooks have different lengths");
            }
            for (int c : row) {
                if (c < 0 || c >= 1024) {
                    throw new InvalidInputException("audio prefix code " + c + " is outside 0..1023");
                }
            }
        }
        return p;
    }

    /**
     * A copy of a prefilled, unfinished sequence (KV cache, the hybrid's Mamba2 states, codes, position) that goes on with its own sampler
     * seeded by {@code seed}: many continuations of one prefill (benchmarks at long contexts, alternative takes).
     */
    public synchronized ZonosSequence fork(ZonosSequence seq, long seed) {
        own(seq);
        if (!seq.prefilled || seq.finished) {
            throw new IllegalStateException("only a prefilled, unfinished sequence can be forked");
        }
        int[][] delayed = new int[N][];
        for (int k = 0; k < N; k++) {
            delayed[k] = seq.delayed[k].clone();
        }
        KvBlockTable[] kv = new KvBlockTable[seq.streams()];
        try {
            for (int s = 0; s < kv.length; s++) {
                kv[s] = new KvBlockTable(kvPool, seq.kv[s].capacity());
                kv[s].copyFrom(seq.kv[s], seq.position);
            }
        } catch (RuntimeException e) {
            for (KvBlockTable t : kv) {
                if (t != null) {
                    t.release();
                }
            }
            throw e;
        }
        MambaState[] ssm = null;
        if (seq.ssm != null) {
            ssm = new MambaState[seq.ssm.length];
            for (int s = 0; s < ssm.length; s++) {
                ssm[s] = seq.ssm[s].copy();
            }
        }
        ZonosSequence copy = new ZonosSequence(this, seq.conditioning, delayed, seq.prefixFrames, seq.totalFrames,
                seq.cfgScale, new Sampler(seq.sampling, seed, width, kernels), seq.sampling, kv, ssm, width);
        copy.offset = seq.offset;
        copy.remaining = seq.remaining;
        copy.stopping = seq.stopping;
        copy.position = seq.position;
        copy.steps = seq.steps;
        copy.prefilled = true;
        System.arraycopy(seq.sampled, 0, copy.sampled, 0, N);
        return copy;
    }

    /** Runs the prefix (conditioning + P + 1 code frames) and writes the first sampled frame. */
    public void prefill(ZonosSequence seq) {
        prefill(seq, null);
    }

    /**
     * {@link #prefill(ZonosSequence)} reporting activations to {@code probe}: it sees every (stream, position)
     * row of the prefill, streams 0 = cond, 1 = uncond.
     */
    public synchronized void prefill(ZonosSequence seq, ActivationProbe probe) {
        own(seq);
        if (seq.prefilled) {
            throw new IllegalStateException("sequence already prefilled");
        }
        int len = seq.conditioning.length();
        int tokens = len + seq.prefixFrames + 1;
        int streams = seq.streams();
        for (int t0 = 0; t0 < tokens; t0 += PREFILL_CHUNK) {
            int n = Math.min(PREFILL_CHUNK, tokens - t0);
            int rows = streams * n;
            ws.ensure(rows);
            for (int s = 0; s < streams; s++) {
                float[] cond = s == 0 ? seq.conditioning.cond() : seq.conditioning.uncond();
                for (int i = 0; i < n; i++) {
                    int r = s * n + i;
                    int t = t0 + i;
                    ws.pos[r] = t;
                    ws.stream[r] = s;
                    ws.kv[r] = seq.kv[s];
                    ws.ssm[r] = seq.ssm == null ? null : seq.ssm[s];
                    if (t < len) {
                        System.arraycopy(cond, t * d, ws.x, r * d, d);
                    } else {
                        embedColumn(seq.delayed, t - len, seq.input, r);
                    }
                }
            }
            backbone.forward(ws, rows, probe);
            if (t0 + n == tokens) {
                for (int s = 0; s < streams; s++) {
                    System.arraycopy(ws.xn, (s * n + n - 1) * d, ws.tmp, s * d, d);
                }
                heads(ws.tmp, streams);
            }
        }
        combine(seq, 0);
        System.arraycopy(seq.logits, 0, seq.finalLogits, 0, seq.logits.length);
        seq.sampler.sample(seq.finalLogits, width, N, seq.sampled);
        if (seq.observer != null) {
            seq.observer.onStep(0, null, seq.logits, seq.finalLogits, seq.sampled);
        }
        seq.offset = seq.prefixFrames + 1;
        DelayPattern.scatterUnknown(seq.delayed, seq.offset, seq.sampled);
        seq.position = tokens;
        seq.remaining = seq.delayed[0].length - seq.offset;
        seq.prefilled = true;
    }

    /**
     * One decode step for every sequence in {@code batch} (each prefilled, not finished, listed once): all
     * their rows go through one pass over the weights, then each sequence samples and updates its own state
     * exactly as upstream's loop body does.
     */
    public void decodeStep(List<ZonosSequence> batch) {
        decodeStep(batch, null);
    }

    /** {@link #decodeStep(List)} reporting the backbone's activations to {@code probe} (debugging, golden checks). */
    public synchronized void decodeStep(List<ZonosSequence> batch, ActivationProbe probe) {
        int rows = 0;
        for (int i = 0; i < batch.size(); i++) {
            ZonosSequence seq = batch.get(i);
            own(seq);
            if (!seq.prefilled || seq.finished) {
                throw new IllegalStateException("decodeStep needs prefilled, unfinished sequences (item " + i + " is "
                        + (seq.finished ? "finished" : "not prefilled") + ")");
            }
            for (int j = 0; j < i; j++) {
                if (batch.get(j) == seq) {
                    throw new IllegalArgumentException("sequence listed twice in one decode step (items " + j + ", " + i + ")");
                }
            }
            rows += seq.streams();
        }
        if (rows == 0) {
            return;
        }
        ws.ensure(rows);
        int r = 0;
        for (ZonosSequence seq : batch) {
            seq.offset++;
            embedColumn(seq.delayed, seq.offset - 1, seq.input, r);
            for (int s = 0; s < seq.streams(); s++) {
                if (s > 0) {
                    System.arraycopy(ws.x, r * d, ws.x, (r + s) * d, d);
                }
                ws.pos[r + s] = seq.position;
                ws.stream[r + s] = s;
                ws.kv[r + s] = seq.kv[s];
                ws.ssm[r + s] = seq.ssm == null ? null : seq.ssm[s];
            }
            r += seq.streams();
        }
        backbone.forward(ws, rows, probe);
        heads(ws.xn, rows);
        r = 0;
        for (ZonosSequence seq : batch) {
            combine(seq, r);
            r += seq.streams();
            finishStep(seq);
        }
    }

    /**
     * Backbone only, for debugging and golden checks: feeds {@code inputs.get(i)} ([streams, n_i, d] rows, e.g.
     * conditioning and summed code embeddings) to sequence i at its next n_i positions, all sequences as one
     * ragged batch, and returns norm_f of those rows ([streams, n_i, d] each). Use fresh sequences for this
     * only: they are not prefilled and cannot be decoded afterwards.
     */
    public synchronized List<float[]> forwardBackbone(List<ZonosSequence> batch, List<float[]> inputs) {
        int rows = 0;
        int[] counts = new int[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            ZonosSequence seq = batch.get(i);
            own(seq);
            if (seq.prefilled) {
                throw new IllegalStateException("forwardBackbone needs sequences that were never prefilled (item " + i + ")");
            }
            counts[i] = inputs.get(i).length / (seq.streams() * d);
            rows += seq.streams() * counts[i];
        }
        ws.ensure(rows);
        int r = 0;
        for (int i = 0; i < batch.size(); i++) {
            ZonosSequence seq = batch.get(i);
            for (int s = 0; s < seq.streams(); s++) {
                for (int t = 0; t < counts[i]; t++, r++) {
                    System.arraycopy(inputs.get(i), (s * counts[i] + t) * d, ws.x, r * d, d);
                    ws.pos[r] = seq.position + t;
                    ws.stream[r] = s;
                    ws.kv[r] = seq.kv[s];
                    ws.ssm[r] = seq.ssm == null ? null : seq.ssm[s];
                }
            }
        }
        backbone.forward(ws, rows, null);
        List<float[]> out = new java.util.ArrayList<>();
        r = 0;
        for (int i = 0; i < batch.size(); i++) {
            ZonosSequence seq = batch.get(i);
            int n = seq.streams() * counts[i];
            out.add(java.util.Arrays.copyOfRange(ws.xn, r * d, (r + n) * d));
            r += n;
            seq.position += counts[i];
        }
        return out;
    }

    /** The summed code embeddings of one frame of 9 ids (0..1025) into {@code out[off .. off + d)}. */
    public void embedCodes(int[] ids, float[] out, int off) {
        if (ids.length != N) {
            throw new IllegalArgumentException("a frame has " + N + " codes, got " + ids.length);
        }
        WeightMatrix[] emb = weights.embeddings;
        emb[0].copyRow(ids[0], out, off);
        for (int k = 1; k < N; k++) {
            emb[k].addRow(ids[k], out, off);
        }
    }

    /** One call: a sequence generated to the end, codes [9][frames] (prefix included), as upstream's generate(). */
    public int[][] generate(Conditioning conditioning, int[][] audioPrefixCodes, SamplingParams sampling, float cfgScale,
            long seed, int maxNewFrames) {
        try (ZonosSequence seq = newSequence(conditioning, audioPrefixCodes, sampling, cfgScale, seed, maxNewFrames)) {
            prefill(seq);
            List<ZonosSequence> one = List.of(seq);
            while (!seq.finished()) {
                decodeStep(one);
            }
            return seq.codes();
        }
    }

    /** Logit bias, repetition penalty, sampling, EOS handling and the frame write of one decode step. */
    private void finishStep(ZonosSequence seq) {
        float[] f = seq.finalLogits;
        System.arraycopy(seq.logits, 0, f, 0, f.length);
        int eos = config.eosTokenId();
        for (int k = 1; k < N; k++) {
            f[k * width + eos] = Float.NEGATIVE_INFINITY; // only codebook 0 may predict EOS
        }
        if (seq.repetitionPenalty != 1f) {
            Samplers.repetitionPenalty(f, width, seq.delayed, seq.offset, seq.penaltyWindow, seq.repetitionPenalty);
        }
        int[] next = seq.sampled;
        seq.sampler.sample(f, width, N, next);
        seq.steps++;
        if (seq.observer != null) {
            seq.observer.onStep(seq.steps, seq.input, seq.logits, f, next);
        }
        if (next[0] == eos) {
            seq.remaining = Math.min(seq.remaining, N);
            seq.stopping = true;
        }
        if (seq.stopping) {
            // after EOS at step e, step e + j masks codebooks 0..j-1 and puts EOS on codebook j
            int idx = Math.min(N - seq.remaining, N - 1);
            for (int k = 0; k < idx; k++) {
                next[k] = config.maskedTokenId();
            }
            next[idx] = eos;
        }
        DelayPattern.scatterUnknown(seq.delayed, seq.offset, next);
        seq.position++;
        seq.remaining--;
        if (seq.remaining <= 0) {
            seq.finished = true;
            seq.close();
        }
    }

    /** The summed code embeddings of delayed column {@code col} into ws.x row r; the ids land in {@code ids}. */
    private void embedColumn(int[][] delayed, int col, int[] ids, int r) {
        for (int k = 0; k < N; k++) {
            ids[k] = delayed[k][col];
        }
        WeightMatrix[] emb = weights.embeddings;
        emb[0].copyRow(ids[0], ws.x, r * d);
        for (int k = 1; k < N; k++) {
            emb[k].addRow(ids[k], ws.x, r * d);
        }
    }

    /** Heads of {@code rows} normed rows into ws.logits [rows, 9, width]; padded columns 0 like upstream's zero rows. */
    private void heads(float[] h, int rows) {
        int headRows = config.headRows();
        for (int k = 0; k < N; k++) {
            kernels.matmul(weights.heads[k], h, rows, ws.head);
            for (int r = 0; r < rows; r++) {
                int dst = (r * N + k) * width;
                System.arraycopy(ws.head, r * headRows, ws.logits, dst, headRows);
                java.util.Arrays.fill(ws.logits, dst + headRows, dst + width, 0f);
            }
        }
    }

    /** CFG: uncond + (cond - uncond) * scale (cond alone without guidance); columns past the heads -inf. */
    private void combine(ZonosSequence seq, int row) {
        float[] out = seq.logits;
        int headRows = config.headRows();
        int cond = row * N * width;
        int uncond = cond + N * width;
        for (int k = 0; k < N; k++) {
            for (int i = 0; i < width; i++) {
                int at = k * width + i;
                if (i >= headRows) {
                    out[at] = Float.NEGATIVE_INFINITY;
                } else if (seq.streams() == 2) {
                    float c = ws.logits[cond + at];
                    float u = ws.logits[uncond + at];
                    out[at] = u + (c - u) * seq.cfgScale;
                } else {
                    out[at] = ws.logits[cond + at];
                }
            }
        }
    }

    private void own(ZonosSequence seq) {
        if (seq.model != this) {
            throw new IllegalArgumentException("sequence belongs to another model");
        }
    }
}
