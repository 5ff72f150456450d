package dev.zonos4j.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Checks {@code Authorization: Bearer <key>} in constant time (SHA-256 of both sides, so length leaks nothing either). */
final class ApiKey {
    private final byte[] expected;

    ApiKey(String key) {
        this.expected = sha256(key);
    }

    boolean matches(String authorizationHeader) {
        String given = "";
        if (authorizationHeader != null && authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            given = authorizationHeader.substring(7).trim();
        }
        return MessageDigest.isEqual(expected, sha256(given));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
