package dev.zonos4j.weights;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** A checkpoint file read as named tensors; lookups fail with the file, the key and keys that look alike. */
public interface TensorFile {

    Path file();

    /** All tensors by key, in the file's order. */
    Map<String, Tensor> tensors();

    default Set<String> keys() {
        return tensors().keySet();
    }

    default boolean has(String key) {
        return tensors().containsKey(key);
    }

    /** The tensor stored under {@code key}; a missing key is an error naming the file and the key. */
    default Tensor get(String key) {
        Tensor t = tensors().get(key);
        if (t == null) {
            throw WeightsException.missingTensor(file(), key, tensors().keySet());
        }
        return t;
    }

    /** The tensor under {@code key}, checked to have exactly this shape. */
    default Tensor get(String key, long... shape) {
        return get(key).expectShape(shape);
    }
}
