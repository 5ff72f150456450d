package dev.zonos4j.weights.hub;

import dev.zonos4j.weights.WeightsException;

/** A model could not be had from the hub or its cache; the message says which repo, files and what to do. */
public class HubException extends WeightsException {
    public HubException(String message) {
        super(message);
    }

    public HubException(String message, Throwable cause) {
        super(message, cause);
    }
}
