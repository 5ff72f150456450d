package dev.zonos4j.engine;

import dev.zonos4j.model.zonos.ZonosConfig;
import dev.zonos4j.model.zonos.Conditioning;
import dev.zonos4j.model.zonos.ZonosModel;
import dev.zonos4j.model.zonos.ZonosSequence;
import dev.zonos4j.text.Segment;
import java.util.ArrayList;
import java.util.List;

/**
 * The Zonos language model behind the scheduler's port (one per model, shared by all requests; each job
 * carries its request's settings), with the per-segment guard rails: a segment that runs
 * into its frame cap (never emits EOS) or ends far too early is generated again with a new seed, up to
 * {@code retries} times; with a {@link QualityRetry}, a take whose audio is flagged is generated again too. Each
 * decision depends only on the segment's own output, so batching cannot change it.
 */
final class ZonosBatchModel implements BatchModel<SegmentJob, ZonosBatchModel.Run> {

    /** Where a segment's audio prefix comes from (chained mode), or none. */
    interface PrefixSource {
        /** Codes [9][P] for this segment, or null. */
        int[][] prefixFor(SegmentJob job);

        /** The most prefix frames any segment gets (for KV reservation). */
        int maxFrames();
    }

    /** A segment in flight. */
    static final class Run {
        final SegmentJob job;
        final Conditioning conditioning;
        final int[][] prefix;
        ZonosSequence sequence;
        int attempt;
        int capRetries;
        QualityRetry.Takes takes;

        Run(SegmentJob job, Conditioning conditioning, int[][] prefix) {
            this.job = job;
            this.conditioning = conditioning;
            this.prefix = prefix;
        }

        /** Generated codes [9][frames] without the audio prefix: the take kept. */
        int[][] newCodes() {
            if (takes != null && takes.bestCodes() != null) {
                return takes.bestCodes();
            }
            return sequenceCodes();
        }

        /** The take kept, decoded and judged, when a quality retry judged it (else null: decode it later). */
        SegmentTake keptTake() {
            return takes == null ? null : takes.best();
        }

        /** How many takes were generated. */
        int takesGenerated() {
            return attempt + 1;
        }

        /** The seed of the take kept. */
        long keptSeed() {
            return takes != null && takes.best() != null ? takes.best().seed() : seed();
        }

        long seed() {
            return SegmentJob.seedFor(job.seed(), job.index(), attempt);
        }

        private int[][] sequenceCodes() {
            int[][] all = sequence.codes();
            int p = sequence.prefixFrames();
            int[][] out = new int[all.length][];
            for (int k = 0; k < all.length; k++) {
                out[k] = java.util.Arrays.copyOfRange(all[k], p, all[k].length);
            }
            return out;
        }
    }

    private final ZonosModel lm;

    ZonosBatchModel(ZonosModel lm) {
        this.lm = lm;
    }

    @Override
    public Run start(SegmentJob job) {
        PrefixSource prefixes = job.settings().chain();
        int[][] prefix = prefixes == null ? null : prefixes.prefixFor(job);
        Run run = new Run(job, lm.prepareConditioning(job.inputs()), prefix);
        begin(run);
        return run;
    }

    private void begin(Run run) {
        SegmentJob.Settings s = run.job.settings();
        // KV is reserved as the sequence grows; the scheduler grants each block before the step that takes it.
        run.sequence = lm.newSequence(run.conditioning, run.prefix, s.sampling(), s.cfgScale(), run.seed(), run.job.maxFrames(),
                false);
        lm.prefill(run.sequence);
    }

    @Override
    public void step(List<Run> active) {
        List<ZonosSequence> seqs = new ArrayList<>(active.size());
        for (Run r : active) {
            seqs.add(r.sequence);
        }
        lm.decodeStep(seqs);
    }

    @Override
    public Outcome postprocess(Run run) {
        if (!run.sequence.finished()) {
            return Outcome.RUNNING;
        }
        int frames = run.sequence.frames() - run.sequence.prefixFrames();
        boolean hitCap = frames >= run.job.maxFrames();
        boolean tooShort = frames < Math.max(4, run.job.expectedFrames() / 8);
        if (!hitCap && !tooShort) {
            return judged(run);
        }
        String what = hitCap ? "never ended (cut at its cap of " + run.job.maxFrames() + " frames)"
                : "ended after only " + frames + " frames";
        int retries = run.job.settings().retries();
        List<String> warnings = run.job.settings().warnings();
        if (run.capRetries < retries) {
            run.capRetries++;
            warnings.add(describe(run.job) + " " + what + "; retrying with a new seed");
            return Outcome.RETRY;
        }
        warnings.add(describe(run.job) + " " + what + (retries > 0 ? " after " + (retries + 1) + " attempts" : ""));
        return judged(run);
    }

    /** A take that passed the frame guards: with a quality retry, its audio decides whether to try again. */
    private static Outcome judged(Run run) {
        QualityRetry quality = run.job.settings().qualityRetry();
        if (quality == null) {
            return Outcome.DONE;
        }
        if (run.takes == null) {
            run.takes = new QualityRetry.Takes();
        }
        if (quality.wantsAnother(run.takes, run.sequenceCodes(), run.seed(), run.job.segment().phonemeCount())) {
            return Outcome.RETRY;
        }
        quality.settle(run.job.index(), run.takes);
        return Outcome.DONE;
    }

    @Override
    public void restart(Run run) {
        run.sequence.close();
        run.attempt++;
        begin(run);
    }

    static String describe(SegmentJob job) {
        return describe(job.segment());
    }

    static String describe(Segment segment) {
        return "segment " + (segment.index() + 1) + " (characters " + segment.start() + "-" + segment.end() + ")";
    }

    @Override
    public void release(Run run) {
        run.sequence.close();
    }

    @Override
    public long maxKvBytes(SegmentJob job) {
        return lm.kvBytesFor(promptRows(job), maxPrefixFrames(job), job.maxFrames(), job.settings().cfgScale());
    }

    @Override
    public long startKvBytes(SegmentJob job) {
        return lm.kvBytesAtStart(promptRows(job), maxPrefixFrames(job), job.settings().cfgScale());
    }

    @Override
    public long kvBytes(Run run) {
        return run.sequence.kvBytes();
    }

    @Override
    public long stepKvBytes(Run run) {
        return run.sequence.nextStepKvBytes();
    }

    private int promptRows(SegmentJob job) {
        // Every conditioner adds one row except the phoneme conditioner, which adds one per id.
        return job.inputs().phonemeIds().length + lm.config().prefixConditioner().conditioners().size() - 1;
    }

    private static int maxPrefixFrames(SegmentJob job) {
        PrefixSource prefixes = job.settings().chain();
        return prefixes == null ? 0 : prefixes.maxFrames();
    }

    /** Steps a sequence takes beyond its frames: the codebook delay is flushed after the last frame is chosen. */
    static final int FLUSH_STEPS = ZonosConfig.CODEBOOKS;

    /** The expected frames plus {@link #FLUSH_STEPS}. */
    @Override
    public int expectedFrames(SegmentJob job) {
        return job.expectedFrames() + FLUSH_STEPS;
    }
}
