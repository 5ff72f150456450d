package dev.zonos4j.model.speaker;

import dev.zonos4j.weights.Tensor;
import dev.zonos4j.weights.WeightsException;
import java.util.Arrays;
import java.util.Map;

/** Named tensors of one checkpoint, read as float32 with shape checks whose errors name the file and key. */
record StateDict(String source, Map<String, Tensor> tensors) {

    boolean has(String key) {
        return tensors.containsKey(key);
    }

    Tensor tensor(String key) {
        Tensor t = tensors.get(key);
        if (t == null) {
            throw new WeightsException(source + ": missing tensor '" + key + "' (the file has " + tensors.size()
                    + " tensors; is this the ResNet293-SimAM-ASP speaker checkpoint?)");
        }
        return t;
    }

    long[] shape(String key) {
        return tensor(key).shape();
    }

    /** The tensor as float32 (float64 storage, like the LDA file's, is rounded as load_state_dict casts it). */
    float[] floats(String key, long... shape) {
        Tensor t = tensor(key);
        if (!Arrays.equals(t.shape(), shape)) {
            throw new WeightsException(source + ": tensor '" + key + "' has shape " + t.shapeString() + ", expected "
                    + Arrays.toString(shape));
        }
        if (!t.dtype().isFloating()) {
            throw new WeightsException(source + ": tensor '" + key + "' is " + t.dtype() + ", expected a floating type");
        }
        return t.toFloatArray();
    }
}
