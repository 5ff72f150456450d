package dev.zonos4j.model.speaker;

import dev.zonos4j.weights.DType;
import dev.zonos4j.weights.Tensor;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random weights in the published checkpoints' key layout (the same keys, shapes and dtypes as
 * {@code ResNet293_SimAM_ASP_base.pt} for a given stem width, and the LDA's float64 weight/bias), for benchmarks.
 * Scales keep activations in a realistic range: He-uniform convolutions, BN scale near 1 (near 0.3 for a
 * block's second BN, so the residual stream stays bounded over 93 blocks), unit running variance.
 */
public final class RandomSpeakerWeights {
    private final SplittableRandom rng;
    private final Map<String, Tensor> resnet = new LinkedHashMap<>();
    private final Map<String, Tensor> lda = new LinkedHashMap<>();

    private RandomSpeakerWeights(long seed) {
        this.rng = new SplittableRandom(seed);
    }

    /** An encoder of the given shape with random weights, under the model id {@code random-<in_planes>-<seed>}. */
    public static SpeakerEncoder encoder(ResNetConfig config, int ldaDim, long seed) {
        RandomSpeakerWeights w = new RandomSpeakerWeights(seed);
        w.build(config, ldaDim);
        return SpeakerEncoder.fromTensors(w.resnet, w.lda, "random-" + config.inPlanes() + "-" + seed);
    }

    /** The two random state dicts: the network's (float32, int64 counters) and the LDA's (float64, as published). */
    public static List<Map<String, Tensor>> stateDicts(ResNetConfig config, int ldaDim, long seed) {
        RandomSpeakerWeights w = new RandomSpeakerWeights(seed);
        w.build(config, ldaDim);
        return List.of(w.resnet, w.lda);
    }

    private void build(ResNetConfig c, int ldaDim) {
        conv("front.conv1.weight", c.inPlanes(), 1, 3);
        bn("front.bn1", c.inPlanes(), 1.0f);
        int in = c.inPlanes();
        for (int l = 0; l < ResNetConfig.LAYERS; l++) {
            int planes = c.width(l);
            for (int b = 0; b < c.depth(l); b++) {
                String p = "front.layer" + (l + 1) + "." + b + ".";
                conv(p + "conv1.weight", planes, in, 3);
                bn(p + "bn1", planes, 1.0f);
                conv(p + "conv2.weight", planes, planes, 3);
                bn(p + "bn2", planes, 0.3f);
                if (b == 0 && (l > 0 || in != planes)) {
                    conv(p + "downsample.0.weight", planes, in, 1);
                    bn(p + "downsample.1", planes, 1.0f);
                }
                in = planes;
            }
        }
        int rows = c.pooledRows();
        put(resnet, "pooling.attention.0.weight", uniform(c.attention() * rows, Math.sqrt(3.0 / rows)), c.attention(), rows, 1);
        put(resnet, "pooling.attention.0.bias", uniform(c.attention(), 0.1), c.attention());
        bn("pooling.attention.2", c.attention(), 1.0f);
        put(resnet, "pooling.attention.3.weight", uniform(rows * c.attention(), Math.sqrt(3.0 / c.attention())), rows, c.attention(), 1);
        put(resnet, "pooling.attention.3.bias", uniform(rows, 0.1), rows);
        put(resnet, "bottleneck.weight", uniform(c.embedding() * 2 * rows, Math.sqrt(3.0 / (2 * rows))), c.embedding(), 2L * rows);
        put(resnet, "bottleneck.bias", uniform(c.embedding(), 0.1), c.embedding());
        putF64(lda, "weight", uniform(ldaDim * c.embedding(), 0.5), ldaDim, c.embedding());
        putF64(lda, "bias", uniform(ldaDim, 1.0), ldaDim);
    }

    private void conv(String key, int out, int in, int k) {
        put(resnet, key, uniform(out * in * k * k, Math.sqrt(6.0 / (in * k * k))), out, in, k, k);
    }

    private void bn(String prefix, int c, float scale) {
        float[] gamma = uniform(c, 0.2 * scale);
        float[] var = uniform(c, 0.4);
        for (int i = 0; i < c; i++) {
            gamma[i] += scale;
            var[i] += 1.0f;
        }
        put(resnet, prefix + ".weight", gamma, c);
        put(resnet, prefix + ".bias", uniform(c, 0.1), c);
        put(resnet, prefix + ".running_mean", uniform(c, 0.1), c);
        put(resnet, prefix + ".running_var", var, c);
        resnet.put(prefix + ".num_batches_tracked", new Tensor(prefix + ".num_batches_tracked", DType.I64, new long[0],
                MemorySegment.ofArray(new long[1]), "random"));
    }

    private float[] uniform(int n, double bound) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        }
        return a;
    }

    private static void putF64(Map<String, Tensor> map, String key, float[] values, long... shape) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        map.put(key, new Tensor(key, DType.F64, shape, MemorySegment.ofArray(d), "random"));
    }

    private static void put(Map<String, Tensor> map, String key, float[] values, long... shape) {
        map.put(key, new Tensor(key, DType.F32, shape, MemorySegment.ofArray(values), "random"));
    }
}
