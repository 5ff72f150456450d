package dev.zonos4j.model.speaker;

import dev.zonos4j.tensor.BatchNorm;
import dev.zonos4j.tensor.Convolution;
import dev.zonos4j.tensor.ExactLanes;
import dev.zonos4j.tensor.Parallel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SimAMBasicBlock: {@code relu(SimAM(bn2(conv2(relu(bn1(conv1(x)))))) + shortcut(x))}, where the shortcut is
 * the identity, or a strided 1×1 convolution + BatchNorm when the block changes stride or width.
 * Each eval-mode BatchNorm is folded into the convolution before it.
 */
final class SimAmBlock {
    static final double BN_EPS = 1e-5;
    private static final float LAMBDA = 1e-4f;
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int SUM_CHUNK = 256;

    private final Convolution conv1;      // (planes, in, 3, 3), stride s, bn1 folded, ReLU fused
    private final Convolution conv2;      // (planes, planes, 3, 3), bn2 folded
    private final Convolution downsample; // (planes, in, 1, 1), stride s, BN folded; null for the identity
    private final int planes;

    private SimAmBlock(Convolution conv1, Convolution conv2, Convolution downsample, int planes) {
        this.conv1 = conv1;
        this.conv2 = conv2;
        this.downsample = downsample;
        this.planes = planes;
    }

    static SimAmBlock load(StateDict sd, String prefix, int in, int planes, int stride) {
        Convolution conv1 = convBn(sd, prefix + "conv1", prefix + "bn1", in, planes, 3, stride, 1);
        Convolution conv2 = convBn(sd, prefix + "conv2", prefix + "bn2", planes, planes, 3, 1, 1);
        Convolution downsample = null;
        if (stride != 1 || in != planes) {
            downsample = convBn(sd, prefix + "downsample.0", prefix + "downsample.1", in, planes, 1, stride, 0);
        } else if (sd.has(prefix + "downsample.0.weight")) {
            throw new dev.zonos4j.weights.WeightsException(sd.source() + ": unexpected tensor '" + prefix
                    + "downsample.0.weight' in a block that keeps stride and width");
        }
        return new SimAmBlock(conv1, conv2, downsample, planes);
    }

    /** A bias-free convolution followed by eval BatchNorm, as one convolution with bias. */
    static Convolution convBn(StateDict sd, String conv, String bn, int in, int out, int k, int stride, int pad) {
        float[] weight = sd.floats(conv + ".weight", out, in, k, k);
        BatchNorm norm = batchNorm(sd, bn, out);
        return Convolution.of(norm.foldInto(weight), norm.shift(), in, out, k, stride, pad);
    }

    static BatchNorm batchNorm(StateDict sd, String bn, int channels) {
        return BatchNorm.of(sd.floats(bn + ".weight", channels), sd.floats(bn + ".bias", channels),
                sd.floats(bn + ".running_mean", channels), sd.floats(bn + ".running_var", channels), BN_EPS);
    }

    int planes() {
        return planes;
    }

    int outHeight(int h) {
        return conv1.outHeight(h);
    }

    int outWidth(int w) {
        return conv1.outWidth(w);
    }

    /** Multiply-adds ×2 of the block's convolutions for an h × w input. */
    long flops(int h, int w) {
        long out = (long) outHeight(h) * outWidth(w) * planes;
        long f = 2 * out * 9 * (conv1.inChannels() + planes);
        return downsample == null ? f : f + 2 * out * conv1.inChannels();
    }

    int scratchSize(int h, int w) {
        int s = Math.max(conv1.scratchSize(h, w), conv2.scratchSize(outHeight(h), outWidth(w)));
        return downsample == null ? s : Math.max(s, downsample.scratchSize(h, w));
    }

    /** Runs on the feature map in {@code ws.map(x)} (in, h, w); returns the index of the output map (planes, ho, wo). */
    int forward(Workspace ws, int x, int h, int w) {
        int ho = outHeight(h);
        int wo = outWidth(w);
        int a = Workspace.free(x);
        int b = Workspace.free(x, a);
        float[] in = ws.map(x);
        conv1.forward(in, h, w, ws.map(a), true, ws.scratch());
        conv2.forward(ws.map(a), ho, wo, ws.map(b), false, ws.scratch());
        float[] shortcut = in;
        if (downsample != null) {
            int c = Workspace.free(x, a, b);
            downsample.forward(in, h, w, ws.map(c), false, ws.scratch());
            shortcut = ws.map(c);
        }
        simAmAddRelu(ws.map(b), shortcut, planes, ho * wo);
        return b;
    }

    /**
     * x ← relu(SimAM(x) + shortcut), per channel over its n = H·W positions:
     * {@code d = (x − mean)², v = Σd / (n − 1), E = d / (4(v + λ)) + 0.5, SimAM(x) = x · sigmoid(E)}.
     */
    static void simAmAddRelu(float[] x, float[] shortcut, int channels, int n) {
        Parallel.forRange(channels, 1, (from, to) -> {
            for (int c = from; c < to; c++) {
                int off = c * n;
                float mean = (float) (sum(x, off, n, 0f, 1) / n);
                float v = (float) (sum(x, off, n, mean, 2) / (n - 1));
                apply(x, shortcut, off, n, mean, 4f * (v + LAMBDA));
            }
        });
    }

    /** Σ (x[i] − center)^power over x[off, off + n), power 1 or 2: float lanes per chunk, chunks summed in double. */
    private static double sum(float[] x, int off, int n, float center, int power) {
        FloatVector cv = FloatVector.broadcast(S, center);
        double total = 0;
        for (int start = 0; start < n; start += SUM_CHUNK) {
            int len = Math.min(SUM_CHUNK, n - start);
            FloatVector acc = FloatVector.zero(S);
            int i = 0;
            for (int bound = S.loopBound(len); i < bound; i += S.length()) {
                FloatVector d = FloatVector.fromArray(S, x, off + start + i).sub(cv);
                acc = power == 2 ? d.fma(d, acc) : acc.add(d);
            }
            float part = ExactLanes.sum(acc);
            for (; i < len; i++) {
                float d = x[off + start + i] - center;
                part += power == 2 ? d * d : d;
            }
            total += part;
        }
        return total;
    }

    private static void apply(float[] x, float[] shortcut, int off, int n, float mean, float denom) {
        FloatVector mv = FloatVector.broadcast(S, mean);
        FloatVector dv = FloatVector.broadcast(S, denom);
        FloatVector half = FloatVector.broadcast(S, 0.5f);
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, off + i);
            FloatVector d = v.sub(mv);
            FloatVector e = d.mul(d).div(dv).add(half);
            FloatVector gate = one.div(one.add(ExactLanes.exp(e.neg())));
            v.mul(gate).add(FloatVector.fromArray(S, shortcut, off + i)).lanewise(VectorOperators.MAX, 0f)
                    .intoArray(x, off + i);
        }
        for (; i < n; i++) {
            float v = x[off + i];
            float d = v - mean;
            float e = d * d / denom + 0.5f;
            float gate = 1f / (1f + ExactLanes.exp(-e));
            x[off + i] = Math.max(v * gate + shortcut[off + i], 0f);
        }
    }
}
