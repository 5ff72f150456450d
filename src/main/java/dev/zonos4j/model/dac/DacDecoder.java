package dev.zonos4j.model.dac;

import dev.zonos4j.tensor.Signal;

/**
 * The convolutional decoder: latent [hidden, T] → conv1 (k7) → blocks of [snake, transposed conv ×s,
 * 3 residual units] → snake → conv2 (k7, one channel) → tanh. T frames give exactly hop·T samples.
 * Each snake is fused into the convolution that follows it.
 */
final class DacDecoder {
    private final StageChain chain = new StageChain();
    private final int hidden;

    DacDecoder(DacConfig c, Layers layers) {
        hidden = c.hiddenSize();
        int dh = c.decoderHiddenSize();
        chain.add(new Stages.Conv(layers.conv("decoder.conv1", dh, hidden, 7, 1, 3)), "debug.decoder.conv1");
        int[] up = c.upsamplingRatios();
        for (int i = 0; i < up.length; i++) {
            String p = "decoder.block." + i;
            int out = c.decoderChannels(i);
            int in = 2 * out;
            int s = up[i];
            chain.add(new Stages.Upsample(layers.alpha(p + ".snake1", in),
                    layers.convTranspose(p + ".conv_t1", in, out, 2 * s, s, (s + 1) / 2)));
            for (int r = 0; r < Layers.RES_DILATIONS.length; r++) {
                boolean last = r == Layers.RES_DILATIONS.length - 1;
                chain.add(layers.residual(p + ".res_unit" + (r + 1), out, Layers.RES_DILATIONS[r]),
                        last ? "debug.decoder.block." + i : null);
            }
        }
        int last = c.decoderChannels(up.length - 1);
        chain.add(new Stages.Conv(layers.conv("decoder.conv2", 1, last, 7, 1, 3), layers.alpha("decoder.snake1", last),
                "debug.decoder.snake1"), "debug.decoder.conv2");
        chain.add(new Stages.Tanh());
    }

    int hidden() {
        return hidden;
    }

    /** Output samples for a latent of {@code frames} frames. */
    int outLength(int frames) {
        return chain.outLength(frames);
    }

    /** Latent frames needed to compute output samples {@code out} of a {@code frames}-frame latent. */
    Span needs(Span out, int frames) {
        return chain.needs(out, frames);
    }

    /** Decodes output window {@code out} from latent {@code z} (window = {@link #needs}(out)); one channel. */
    Signal run(Signal z, Span out, int frames, Workspace ws, Probe probe) {
        return chain.run(z, out, frames, ws, probe);
    }

    int stages() {
        return chain.size();
    }

    String label(int i) {
        return chain.label(i);
    }

    /** Multiply-adds to decode {@code frames} frames in one window. */
    long macs(int frames) {
        return chain.macs(frames);
    }
}
