package dev.zonos4j.util;

/** Bad input from the user (text, parameter, file): the CLI reports it as a usage error, exit status 2. */
public class InvalidInputException extends ZonosException {
    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
