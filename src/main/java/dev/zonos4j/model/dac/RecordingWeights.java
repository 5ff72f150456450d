package dev.zonos4j.model.dac;

import java.util.LinkedHashMap;
import java.util.Map;

/** Passes weights through from another source and keeps every tensor the codec asked for, under its checkpoint key. */
final class RecordingWeights implements WeightSource {
    /** A recorded tensor: its shape and values. */
    record Entry(int[] shape, float[] values) {
    }

    private final WeightSource source;
    private final Map<String, Entry> tensors = new LinkedHashMap<>();

    RecordingWeights(WeightSource source) {
        this.source = source;
    }

    @Override
    public float[] tensor(String key, int... shape) {
        float[] v = source.tensor(key, shape);
        tensors.put(key, new Entry(shape.clone(), v));
        return v;
    }

    @Override
    public float[] convWeight(String prefix, int... shape) {
        float[] v = source.convWeight(prefix, shape);
        tensors.put(prefix + ".weight", new Entry(shape.clone(), v));
        return v;
    }

    @Override
    public void finish() {
        source.finish();
    }

    @Override
    public int foldedConvs() {
        return source.foldedConvs();
    }

    Map<String, Entry> tensors() {
        return tensors;
    }
}
