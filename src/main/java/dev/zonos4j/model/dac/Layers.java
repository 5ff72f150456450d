package dev.zonos4j.model.dac;

import dev.zonos4j.tensor.Conv1d;
import dev.zonos4j.tensor.ConvPrecision;
import dev.zonos4j.tensor.ConvTranspose1d;
import dev.zonos4j.tensor.StridedConv1d;

/** Builds packed layers from checkpoint keys; the only place besides the quantizer that names checkpoint keys. */
final class Layers {
    /** Residual unit convolutions: kernel 7 at dilations 1, 3, 9, then a 1×1. */
    static final int RES_KERNEL = 7;
    static final int[] RES_DILATIONS = {1, 3, 9};

    private final WeightSource ckpt;
    private final ConvPrecision precision;

    /** {@code precision} applies to the stride-1 and transposed convolutions; strided ones stay f32. */
    Layers(WeightSource ckpt, ConvPrecision precision) {
        this.ckpt = ckpt;
        this.precision = precision;
    }

    /** {@code prefix.weight [out,in,k]} + {@code prefix.bias [out]} as a stride-1 convolution. */
    Conv1d conv(String prefix, int out, int in, int taps, int dilation, int padding) {
        float[] w = ckpt.convWeight(prefix, out, in, taps);
        float[] b = ckpt.tensor(prefix + ".bias", out);
        return Conv1d.pack(w, b, out, in, taps, dilation, padding, precision);
    }

    StridedConv1d stridedConv(String prefix, int out, int in, int taps, int stride, int padding) {
        float[] w = ckpt.convWeight(prefix, out, in, taps);
        float[] b = ckpt.tensor(prefix + ".bias", out);
        return StridedConv1d.pack(w, b, out, in, taps, stride, padding);
    }

    /** {@code prefix.weight [in,out,k]} (weight norm per input channel) + {@code prefix.bias [out]}. */
    ConvTranspose1d convTranspose(String prefix, int in, int out, int taps, int stride, int padding) {
        float[] w = ckpt.convWeight(prefix, in, out, taps);
        float[] b = ckpt.tensor(prefix + ".bias", out);
        return ConvTranspose1d.pack(w, b, in, out, taps, stride, padding, precision);
    }

    /** {@code prefix.alpha [1,C,1]}. */
    float[] alpha(String prefix, int channels) {
        return ckpt.tensor(prefix + ".alpha", 1, channels, 1);
    }

    /** {@code prefix} = {@code ...res_unitN}: snake1, conv1 (k7, dilation d, padding 3d), snake2, conv2 (1×1). */
    Stages.Residual residual(String prefix, int channels, int dilation) {
        int pad = (RES_KERNEL - 1) * dilation / 2;
        return new Stages.Residual(
                alpha(prefix + ".snake1", channels),
                conv(prefix + ".conv1", channels, channels, RES_KERNEL, dilation, pad),
                alpha(prefix + ".snake2", channels),
                conv(prefix + ".conv2", channels, channels, 1, 1, 0));
    }
}
