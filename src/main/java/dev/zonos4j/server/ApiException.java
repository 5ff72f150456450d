package dev.zonos4j.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error answered as OpenAI does: the status, and {@code {"error":{"message","type","param","code"}}}.
 * The message is for people and names what was wrong; it never carries a stack trace.
 */
final class ApiException extends RuntimeException {
    final int status;
    final String type;
    final String param;
    final String code;
    final Integer retryAfterSeconds;

    ApiException(int status, String type, String message, String param, String code, Integer retryAfterSeconds) {
        super(message);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static ApiException badRequest(String message, String param) {
        return new ApiException(400, "invalid_request_error", message, param, "invalid_value", null);
    }

    static ApiException unauthorized(String message) {
        return new ApiException(401, "invalid_request_error", message, null, "invalid_api_key", null);
    }

    static ApiException notFound(String message, String code) {
        return new ApiException(404, "invalid_request_error", message, null, code, null);
    }

    static ApiException tooLarge(String message) {
        return new ApiException(413, "invalid_request_error", message, null, "request_too_large", null);
    }

    static ApiException queueFull(int retryAfterSeconds) {
        return new ApiException(429, "rate_limit_error", "the server is busy: all generation slots and the queue are"
                + " full; retry after " + retryAfterSeconds + " s", null, "queue_full", retryAfterSeconds);
    }

    static ApiException unavailable(String message, String code) {
        return new ApiException(503, "server_error", message, null, code, 5);
    }

    static ApiException internal(String message) {
        return new ApiException(500, "server_error", message, null, "internal_error", null);
    }

    ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode e = root.putObject("error");
        e.put("message", getMessage());
        e.put("type", type);
        e.put("param", param);
        e.put("code", code);
        return root;
    }
}
