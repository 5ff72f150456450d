package dev.zonos4j.model.dac;

import java.util.SplittableRandom;

/**
 * Seeded random weights of any DAC size, for benchmarks at the real size without the real checkpoint. Values are
 * scaled so activations stay O(1) through the network (no overflow, no denormals): convolutions ~ U with variance
 * 1/fan-in, residual 1×1 convolutions damped, snake α in [0.5, 2], small biases.
 */
final class RandomWeights implements WeightSource {
    private final SplittableRandom rnd;

    RandomWeights(long seed) {
        this.rnd = new SplittableRandom(seed);
    }

    @Override
    public float[] tensor(String key, int... shape) {
        float[] v = new float[numel(shape)];
        if (key.endsWith(".alpha")) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (0.5 + 1.5 * rnd.nextDouble());
            }
        } else if (key.endsWith(".bias")) {
            fill(v, 0.05);
        } else {
            fill(v, 1);
        }
        return v;
    }

    @Override
    public float[] convWeight(String prefix, int... shape) {
        // conv [out,in,k]: fan-in in·k; transposed [in,out,k] with stride k/2: each output sees in·2 taps
        int fanIn = prefix.contains("conv_t") ? shape[0] * 2 : shape[1] * shape[2];
        double gain = prefix.contains("res_unit") && prefix.endsWith("conv2") ? 0.3 : 1;
        float[] v = new float[numel(shape)];
        fill(v, gain / Math.sqrt(fanIn));
        return v;
    }

    private void fill(float[] v, double std) {
        double half = std * Math.sqrt(3);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((2 * rnd.nextDouble() - 1) * half);
        }
    }

    @Override
    public void finish() {
    }

    @Override
    public int foldedConvs() {
        return 0;
    }

    private static int numel(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }
}
