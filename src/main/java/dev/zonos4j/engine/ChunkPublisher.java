package dev.zonos4j.engine;

import java.util.Arrays;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;

/**
 * An in-process sink that publishes audio chunks to {@link Flow.Subscriber}s as they are made.
 * Subscribers get every chunk (the producer waits when a subscriber's buffer is full, which bounds memory).
 */
public final class ChunkPublisher implements AudioSink, Flow.Publisher<float[]> {
    private final SubmissionPublisher<float[]> publisher;

    public ChunkPublisher(int bufferedChunks) {
        publisher = new SubmissionPublisher<>(Runnable::run, bufferedChunks);
    }

    @Override
    public void subscribe(Flow.Subscriber<? super float[]> subscriber) {
        publisher.subscribe(subscriber);
    }

    @Override
    public void open(int sampleRate) {
        // Chunks are 44.1 kHz mono float samples; nothing to announce.
    }

    @Override
    public void write(float[] samples, int offset, int length) {
        publisher.submit(Arrays.copyOfRange(samples, offset, offset + length));
    }

    @Override
    public void close() {
        publisher.close();
    }

    @Override
    public void abort() {
        publisher.closeExceptionally(new IllegalStateException("speech generation was aborted"));
    }
}
