package dev.zonos4j.engine.voice;

import java.util.concurrent.atomic.AtomicInteger;

/** Test double: a deterministic function of the samples that counts its calls and can be made slow. */
final class CountingEmbedder implements SpeakerEmbedder {

    final AtomicInteger calls = new AtomicInteger();
    private final String modelId;
    private final long delayMillis;

    CountingEmbedder(String modelId, long delayMillis) {
        this.modelId = modelId;
        this.delayMillis = delayMillis;
    }

    CountingEmbedder() {
        this("fake-speaker-v1", 0);
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public float[] embed(float[][] channels, int sampleRate) {
        calls.incrementAndGet();
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        double[] acc = new double[DIMENSION];
        for (float[] c : channels) {
            for (int i = 0; i < c.length; i++) {
                acc[i % DIMENSION] += c[i] * (1 + i % 7);
            }
        }
        float[] v = new float[DIMENSION];
        for (int k = 0; k < DIMENSION; k++) {
            v[k] = (float) (acc[k] * 1e-3 + sampleRate * 1e-6);
        }
        return v;
    }
}
