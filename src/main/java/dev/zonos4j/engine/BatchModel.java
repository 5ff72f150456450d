package dev.zonos4j.engine;

import java.util.List;

/**
 * A code generator as the scheduler sees it: a sequence is started (conditioned and prefilled) on its own,
 * and all active sequences advance together, one frame per {@link #step}, in one pass over the weights.
 *
 * @param <J> a unit of work (one text segment)
 * @param <S> a running sequence
 */
public interface BatchModel<J, S> {

    /** Conditions and prefills one job; its prompt's KV memory is taken from the pool here, the rest as it grows. */
    S start(J job);

    /** Decodes one frame for every sequence in {@code active}. */
    void step(List<S> active);

    /** What a sequence needs after a step. */
    enum Outcome {
        /** Not done: step it again. */
        RUNNING,
        /** Done: its result is final. */
        DONE,
        /** Its output was rejected (never ended, or ended far too early): {@link #restart} it. */
        RETRY
    }

    /** Judges a sequence after a step; decides only from the sequence's own output, so batching cannot change it. */
    Outcome postprocess(S sequence);

    /**
     * Generates a rejected sequence again from its prompt (a new seed). Its KV memory may shrink back to what its
     * prompt needs, never grow: the scheduler reads {@link #kvBytes} afterwards.
     */
    void restart(S sequence);

    /** Returns the KV memory of a finished (or abandoned) sequence to the pool; its codes stay readable. */
    void release(S sequence);

    /** KV bytes this job may hold at most (prompt plus its frame cap): it can only run where this fits the budget. */
    long maxKvBytes(J job);

    /** KV bytes this job holds at most once {@link #start}ed (its prompt), never more than {@link #maxKvBytes}. */
    long startKvBytes(J job);

    /** KV bytes {@code sequence} holds now. */
    long kvBytes(S sequence);

    /**
     * KV bytes the next {@link #step} of {@code sequence} adds to {@link #kvBytes} (0 while its last block has
     * room): the scheduler steps a sequence only once these are granted, so a step never overruns the budget.
     */
    long stepKvBytes(S sequence);

    /**
     * Steps the job is expected to take, used to group sequences that will end together and to protect a
     * request's first segment until it is out. Counts every step of the sequence, including any the model
     * takes after its last frame is chosen: holding back stops early otherwise.
     */
    int expectedFrames(J job);
}
