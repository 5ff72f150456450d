package dev.zonos4j.model.dac;

/** Where the codec's layers get their float32 weights: a checkpoint file, or random values for benchmarks. */
interface WeightSource {
    /** A plain tensor of exactly this shape. */
    float[] tensor(String key, int... shape);

    /** The (weight-norm folded) weight of the convolution at {@code prefix}. */
    float[] convWeight(String prefix, int... shape);

    /** Called once every layer has taken its weights; a checkpoint reports problems here. */
    void finish();

    /** Convolutions folded from weight_g/weight_v. */
    int foldedConvs();
}
