package dev.zonos4j.model.dac;

import dev.zonos4j.tensor.Signal;

/**
 * The convolutional encoder: waveform [1, N] → conv1 (k7) → blocks of [3 residual units, snake, strided conv
 * (k = 2s, stride s)] → snake → conv2 (k3) → latent [hidden, N/hop].
 */
final class DacEncoder {
    private final StageChain chain = new StageChain();

    DacEncoder(DacConfig c, Layers layers) {
        int eh = c.encoderHiddenSize();
        chain.add(new Stages.Conv(layers.conv("encoder.conv1", eh, 1, 7, 1, 3)), "debug.encoder.conv1");
        int[] down = c.downsamplingRatios();
        for (int i = 0; i < down.length; i++) {
            String p = "encoder.block." + i;
            int ch = c.encoderChannels(i);
            int s = down[i];
            for (int r = 0; r < Layers.RES_DILATIONS.length; r++) {
                chain.add(layers.residual(p + ".res_unit" + (r + 1), ch, Layers.RES_DILATIONS[r]));
            }
            chain.add(new Stages.SnakeAct(layers.alpha(p + ".snake1", ch)));
            chain.add(new Stages.Downsample(layers.stridedConv(p + ".conv1", 2 * ch, ch, 2 * s, s, (s + 1) / 2)),
                    "debug.encoder.block." + i);
        }
        int hidden = c.hiddenSize();
        chain.add(new Stages.Conv(layers.conv("encoder.conv2", hidden, hidden, 3, 1, 1),
                layers.alpha("encoder.snake1", hidden), "debug.encoder.snake1"), "encoder_output");
    }

    int outLength(int samples) {
        return chain.outLength(samples);
    }

    Span needs(Span frames, int samples) {
        return chain.needs(frames, samples);
    }

    Signal run(Signal x, Span frames, int samples, Workspace ws, Probe probe) {
        return chain.run(x, frames, samples, ws, probe);
    }

    long macs(int samples) {
        return chain.macs(samples);
    }
}
