package dev.zonos4j.model.dac;

import dev.zonos4j.tensor.Signal;

/**
 * The convolutional decoder: latent [hidden, T] → conv1 (k7) → blocks of [snake, transposed conv ×s,
 * 3 residual units] → snake → conv2 (k7, one channel) → tanh. T frames give exactly hop·T samples.
 * Each snake is fused into the convolution that follows it.
 */
final class DacDecoder {
    /** Output samples per sub-window of the high-rate blocks: their activations then stay in cache. */
    static final int SUB_WINDOW = 8192;

    private final StageChain chain = new StageChain();
    private final int hidden;
    private final int split; // first stage of the high-rate part (a block whose input runs at ≥ hop/8 per frame)

    DacDecoder(DacConfig c, Layers layers) {
        hidden = c.hiddenSize();
        int dh = c.decoderHiddenSize();
        chain.add(new Stages.Conv(layers.conv("decoder.conv1", dh, hidden, 7, 1, 3)), "debug.decoder.conv1");
        int[] up = c.upsamplingRatios();
        int rate = 1;
        int highFrom = -1;
        for (int i = 0; i < up.length; i++) {
            if (highFrom < 0 && rate * 8 >= c.hopLength()) {
                highFrom = chain.size();
            }
            rate *= up[i];
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
        split = highFrom < 0 ? chain.size() : highFrom;
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

    /** Decodes output window {@code out} from latent {@code z} (window = {@link #needs}(out)) in one pass. */
    Signal run(Signal z, Span out, int frames, Workspace ws, Probe probe) {
        return chain.run(z, out, frames, ws, probe);
    }

    /**
     * Decodes output window {@code out} from latent {@code z} (window = {@link #needs}(out)) and hands it to
     * {@code sink} in pieces: the low-rate blocks run over the whole window, then the high-rate blocks run over
     * sub-windows of {@link #SUB_WINDOW} samples, each planned like a chunk, so their activations stay in cache.
     * The samples are those of {@link #run}, bit for bit.
     */
    void stream(Signal z, Span out, int frames, Workspace ws, AudioSink sink) {
        int midLength = chain.outLength(frames, 0, split);
        Span mid = chain.needs(out, midLength, split, chain.size());
        Signal low = chain.run(z, mid, frames, ws, null, 0, split);
        Signal held = ws.held().shape(low.channels(), mid.start(), mid.length());
        copy(low, held, mid);
        for (int s = out.start(); s < out.end(); s += SUB_WINDOW) {
            Span sub = new Span(s, Math.min(out.end(), s + SUB_WINDOW));
            Span need = chain.needs(sub, midLength, split, chain.size());
            Signal x = ws.spare().shape(held.channels(), need.start(), need.length());
            copy(held, x, need);
            Signal y = chain.run(x, sub, midLength, ws, null, split, chain.size());
            sink.write(y.data(), y.index(0, y.start()), y.length());
        }
    }

    private static void copy(Signal from, Signal to, Span window) {
        for (int c = 0; c < from.channels(); c++) {
            System.arraycopy(from.data(), from.index(c, window.start()), to.data(), to.index(c, window.start()),
                    window.length());
        }
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
