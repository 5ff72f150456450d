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
}
