package dev.zonos4j.model.speaker;

import dev.zonos4j.tensor.BatchNorm;
import dev.zonos4j.tensor.Parallel;

/**
 * Attentive statistics pooling over time. The final feature map (C, H, T) is read as rows r = c·H + h.
 * Attention: {@code w = softmax_t(W3 · bn(relu(W0 · x + b0)) + b3)}; output {@code [mu, sg]} with
 * {@code mu = Σ_t x·w} and {@code sg = sqrt(max(Σ_t x²·w − mu², 1e-5))}.
 */
final class AttentiveStatsPooling {
    private static final double VAR_FLOOR = 1e-5;

    private final int rows;
    private final int hidden;
    private final float[] w0; // (hidden, rows)
    private final float[] b0; // (hidden)
    private final BatchNorm bn; // (hidden)
    private final float[] w3; // (rows, hidden)
    private final float[] b3; // (rows)

    private AttentiveStatsPooling(int rows, int hidden, float[] w0, float[] b0, BatchNorm bn, float[] w3, float[] b3) {
        this.rows = rows;
        this.hidden = hidden;
        this.w0 = w0;
        this.b0 = b0;
        this.bn = bn;
        this.w3 = w3;
        this.b3 = b3;
    }

    static AttentiveStatsPooling load(StateDict sd, int rows, int hidden) {
        return new AttentiveStatsPooling(rows, hidden,
                sd.floats("pooling.attention.0.weight", hidden, rows, 1), sd.floats("pooling.attention.0.bias", hidden),
                SimAmBlock.batchNorm(sd, "pooling.attention.2", hidden),
                sd.floats("pooling.attention.3.weight", rows, hidden, 1), sd.floats("pooling.attention.3.bias", rows));
    }

    int outputSize() {
        return 2 * rows;
    }

    /**
     * @param x      (rows, frames)
     * @param hiddenBuf at least hidden·frames floats, overwritten
     * @param attBuf at least rows·frames floats, overwritten
     * @return (2·rows): mu then sg
     */
    float[] forward(float[] x, int frames, float[] hiddenBuf, float[] attBuf, SpeakerProbe probe) {
        Dense.matmul(w0, b0, hidden, rows, x, frames, hiddenBuf);
        for (int i = 0; i < hidden * frames; i++) {
            hiddenBuf[i] = Math.max(hiddenBuf[i], 0f);
        }
        bn.apply(hiddenBuf, frames);
        Dense.matmul(w3, b3, rows, hidden, hiddenBuf, frames, attBuf);
        float[] pooled = new float[2 * rows];
        Parallel.forRange(rows, 16, (from, to) -> {
            for (int r = from; r < to; r++) {
                int off = r * frames;
                softmax(attBuf, off, frames);
                double mu = 0;
                double sq = 0;
                for (int t = 0; t < frames; t++) {
                    double v = x[off + t];
                    double w = attBuf[off + t];
                    mu += v * w;
                    sq += v * v * w;
                }
                pooled[r] = (float) mu;
                pooled[rows + r] = (float) Math.sqrt(Math.max(sq - mu * mu, VAR_FLOOR));
            }
        });
        probe.activation("pooling.attention_softmax", attBuf, 1, rows, frames);
        probe.activation("pooling", pooled, 1, 2 * rows);
        return pooled;
    }

    private static void softmax(float[] a, int off, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, a[off + i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double e = Math.exp(a[off + i] - max);
            a[off + i] = (float) e;
            sum += e;
        }
        float inv = (float) (1.0 / sum);
        for (int i = 0; i < n; i++) {
            a[off + i] *= inv;
        }
    }
}
