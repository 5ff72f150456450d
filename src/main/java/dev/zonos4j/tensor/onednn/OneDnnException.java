package dev.zonos4j.tensor.onednn;

import dev.zonos4j.util.ZonosException;

/** oneDNN is missing on this platform, failed to load, or refused a call; the message says which. */
public final class OneDnnException extends ZonosException {
    public OneDnnException(String message) {
        super(message);
    }

    public OneDnnException(String message, Throwable cause) {
        super(message, cause);
    }
}
