package dev.zonos4j.model.dac;

import dev.zonos4j.tensor.Conv1d;
import dev.zonos4j.tensor.ConvTranspose1d;
import dev.zonos4j.tensor.Parallel;
import dev.zonos4j.tensor.Signal;
import dev.zonos4j.tensor.Snake;
import dev.zonos4j.tensor.StridedConv1d;

/** The primitive stages the DAC encoder and decoder are built from. */
final class Stages {
    private Stages() {
    }

    /**
     * Stride-1 convolution, optionally of {@code snake(x)} (α, null for none) with the activation fused into the
     * input packing; output length {@code L + 2·pad − (k−1)·dil}. {@code snakeProbe} names the activation for
     * probes, which then get it computed on the side.
     */
    record Conv(Conv1d conv, float[] alpha, String snakeProbe) implements Stage {
        Conv(Conv1d conv) {
            this(conv, null, null);
        }

        @Override
        public int outLength(int inLength) {
            return inLength + 2 * conv.padding() - (conv.taps() - 1) * conv.dilation();
        }

        @Override
        public Span needs(Span out, int inLength) {
            return out.expand(conv.padding(), (conv.taps() - 1) * conv.dilation() - conv.padding()).clip(inLength);
        }

        @Override
        public Signal forward(Signal x, Span out, Workspace ws) {
            Signal y = ws.spare(x).shape(conv.outChannels(), out.start(), out.length());
            conv.forward(x, alpha, y);
            return y;
        }

        @Override
        public void probeInput(Signal x, Workspace ws, Probe probe) {
            if (alpha != null && snakeProbe != null) {
                Signal s = ws.spare(x).shape(x.channels(), x.start(), x.length());
                Snake.apply(x, alpha, s);
                probe.record(snakeProbe, s);
            }
        }

        @Override
        public long macsPerSample() {
            return conv.macsPerSample();
        }

        @Override
        public String label() {
            return (alpha != null ? "snake+" : "") + "conv " + conv.inChannels() + "->" + conv.outChannels() + " k" + conv.taps();
        }
    }

    /** Snake with per-channel α, in place. */
    record SnakeAct(float[] alpha) implements Stage {
        @Override
        public int outLength(int inLength) {
            return inLength;
        }

        @Override
        public Span needs(Span out, int inLength) {
            return out.clip(inLength);
        }

        @Override
        public Signal forward(Signal x, Span out, Workspace ws) {
            narrowTo(x, out);
            Snake.apply(x, alpha, x);
            return x;
        }

        @Override
        public long macsPerSample() {
            return 0;
        }

        @Override
        public String label() {
            return "snake " + alpha.length;
        }
    }

    /** snake then transposed convolution (upsampling by its stride); output length {@code (L−1)·s − 2·pad + k}. */
    record Upsample(float[] alpha, ConvTranspose1d conv) implements Stage {
        @Override
        public int outLength(int inLength) {
            return (inLength - 1) * conv.stride() - 2 * conv.padding() + conv.taps();
        }

        @Override
        public Span needs(Span out, int inLength) {
            int s = conv.stride();
            int p = conv.padding();
            // output o takes input i with tap o + p − i·s in [0, k)
            return new Span(Math.ceilDiv(out.start() + p - conv.taps() + 1, s), Math.floorDiv(out.end() - 1 + p, s) + 1)
                    .clip(inLength);
        }

        @Override
        public Signal forward(Signal x, Span out, Workspace ws) {
            Signal y = ws.spare(x).shape(conv.outChannels(), out.start(), out.length());
            conv.forward(x, alpha, y);
            return y;
        }

        @Override
        public long macsPerSample() {
            return conv.macsPerOutputSample();
        }

        @Override
        public String label() {
            return "snake+convT " + conv.inChannels() + "->" + conv.outChannels() + " x" + conv.stride();
        }
    }

    /** Strided convolution (downsampling); output length {@code (L + 2·pad − k)/s + 1}. */
    record Downsample(StridedConv1d conv) implements Stage {
        @Override
        public int outLength(int inLength) {
            return (inLength + 2 * conv.padding() - conv.taps()) / conv.stride() + 1;
        }

        @Override
        public Span needs(Span out, int inLength) {
            int s = conv.stride();
            return new Span(out.start() * s - conv.padding(), (out.end() - 1) * s - conv.padding() + conv.taps())
                    .clip(inLength);
        }

        @Override
        public Signal forward(Signal x, Span out, Workspace ws) {
            Signal y = ws.spare(x).shape(conv.outChannels(), out.start(), out.length());
            conv.forward(x, y, ws.phases());
            return y;
        }

        @Override
        public long macsPerSample() {
            return conv.macsPerOutputSample();
        }

        @Override
        public String label() {
            return "conv " + conv.inChannels() + "->" + conv.outChannels() + " /" + conv.stride();
        }
    }

    /**
     * DAC's residual unit: {@code y = x + conv2(snake2(conv1(snake1(x))))}, conv1 with k=7, dilation d, padding 3d
     * and conv2 1×1. The lengths always agree, so the reference's crop never happens.
     */
    record Residual(float[] alpha1, Conv1d conv1, float[] alpha2, Conv1d conv2) implements Stage {
        @Override
        public int outLength(int inLength) {
            return inLength;
        }

        @Override
        public Span needs(Span out, int inLength) {
            int reach = conv1.padding();
            return out.expand(reach, (conv1.taps() - 1) * conv1.dilation() - reach).clip(inLength);
        }

        @Override
        public Signal forward(Signal x, Span out, Workspace ws) {
            Signal h = ws.spare(x).shape(conv1.outChannels(), out.start(), out.length());
            conv1.forward(x, alpha1, h);
            narrowTo(x, out);
            conv2.forwardAdd(h, alpha2, x);
            return x;
        }

        @Override
        public long macsPerSample() {
            return conv1.macsPerSample() + conv2.macsPerSample();
        }

        @Override
        public String label() {
            return "res " + conv1.outChannels() + " d" + conv1.dilation();
        }
    }

    /**
     * tanh, in place: the decoder's last step, mapping to [-1, 1]. StrictMath gives the same bits in every
     * JIT tier (the vector TANH does not), so chunked and one-shot decodes agree exactly.
     */
    record Tanh() implements Stage {
        @Override
        public int outLength(int inLength) {
            return inLength;
        }

        @Override
        public Span needs(Span out, int inLength) {
            return out.clip(inLength);
        }

        @Override
        public Signal forward(Signal x, Span out, Workspace ws) {
            narrowTo(x, out);
            float[] d = x.data();
            int n = x.length();
            for (int c = 0; c < x.channels(); c++) {
                int i = x.index(c, x.start());
                Parallel.forRange(n, 4096, (from, to) -> {
                    for (int t = from; t < to; t++) {
                        d[i + t] = (float) StrictMath.tanh(d[i + t]);
                    }
                });
            }
            return x;
        }

        @Override
        public long macsPerSample() {
            return 0;
        }

        @Override
        public String label() {
            return "tanh";
        }
    }

    private static void narrowTo(Signal x, Span out) {
        if (x.start() != out.start() || x.length() != out.length()) {
            x.narrow(out.start(), out.length());
        }
    }
}
