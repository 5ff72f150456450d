package dev.zonos4j.weights;

import dev.zonos4j.util.ZonosException;

/** A checkpoint file that cannot be used as asked; the message names the file, the key and what was expected. */
public class WeightsException extends ZonosException {
    public WeightsException(String message) {
        super(message);
    }

    public WeightsException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A key the checkpoint lacks: names the file and the key, and lists keys that share its prefix. */
    static WeightsException missingTensor(Object file, String key, java.util.Collection<String> keys) {
        int cut = key.lastIndexOf('.');
        String prefix = cut > 0 ? key.substring(0, cut) : key;
        String[] near = keys.stream().filter(k -> k.startsWith(prefix)).limit(5).toArray(String[]::new);
        return new WeightsException(file + ": missing tensor '" + key + "'" + (near.length == 0
                ? " (the file has " + keys.size() + " tensors)" : " (similar keys: " + java.util.Arrays.toString(near) + ")"));
    }
}
