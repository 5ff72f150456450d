package dev.zonos4j.tensor;

/** Scalar Snake, the reference {@link Snake} is tested against. */
public final class SnakeReference {
    private SnakeReference() {
    }

    /** y = x + (1/(α + 1e-9)) · sin(α·x)² over the window of {@code x}, channel by channel. */
    public static void apply(Signal x, float[] alpha, Signal y) {
        for (int c = 0; c < x.channels(); c++) {
            float inv = 1f / (alpha[c] + 1e-9f);
            for (int t = x.start(); t < x.end(); t++) {
                float v = x.data()[x.index(c, t)];
                float s = (float) Math.sin((double) (alpha[c] * v));
                y.data()[y.index(c, t)] = v + inv * (s * s);
            }
        }
    }
}
