package dev.zonos4j.util;

/**
 * An error the user can act on: the message names the file, key, parameter or input that is wrong and what
 * was expected. The CLI prints the message alone (no stack trace) and exits with status 1.
 */
public class ZonosException extends RuntimeException {
    public ZonosException(String message) {
        super(message);
    }

    public ZonosException(String message, Throwable cause) {
        super(message, cause);
    }
}
