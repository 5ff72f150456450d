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

    /** Conditions and prefills one job; its KV memory is taken from the pool here. */
    S start(J job);

    /** Decodes one frame for every sequence in {@code active}. */
    void step(List<S> active);

    boolean finished(S sequence);

    /** Returns the KV memory of a finished (or abandoned) sequence to the pool; its codes stay readable. */
    void release(S sequence);

    /** KV bytes this job may hold at most (prompt plus its frame cap): what admission must reserve. */
    long reserveBytes(J job);

    /** Expected frames of the job, used to group sequences that will end together. */
    int expectedFrames(J job);
}
