package dev.zonos4j.weights.hub;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks a downloaded blob against its ETag: for LFS files the ETag is the sha256 of the content, for small
 * files tracked by git it is the git blob id, sha1("blob {size}\0" + content). Any other ETag form (a future
 * storage backend) can only be checked by size.
 */
final class BlobHash {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SHA1 = Pattern.compile("[0-9a-f]{40}");

    private final String expected;
    private final String algorithm;
    private final long size;
    private final MessageDigest digest;

    private BlobHash(String expected, String algorithm, long size) {
        this.expected = expected;
        this.algorithm = algorithm;
        this.size = size;
        try {
            this.digest = algorithm == null ? null : MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
        reset();
    }

    static BlobHash forEtag(String etag, long size) {
        String e = etag.toLowerCase(Locale.ROOT);
        if (SHA256.matcher(e).matches()) {
            return new BlobHash(e, "SHA-256", size);
        }
        if (SHA1.matcher(e).matches()) {
            return new BlobHash(e, "SHA-1", size);
        }
        return new BlobHash(e, null, size);
    }

    void reset() {
        if (digest != null) {
            digest.reset();
            if (algorithm.equals("SHA-1")) {
                digest.update(("blob " + size + "\0").getBytes(StandardCharsets.US_ASCII));
            }
        }
    }

    void update(byte[] buf, int off, int len) {
        if (digest != null) {
            digest.update(buf, off, len);
        }
    }

    /** Describes the kind of check, for messages: "sha256", "git sha1" or "size only". */
    String kind() {
        return algorithm == null ? "size only" : algorithm.equals("SHA-1") ? "git sha1" : "sha256";
    }

    /** Null when the content seen matches the ETag (or cannot be checked), else "expected X, got Y". */
    String mismatch() {
        if (digest == null) {
            return null;
        }
        String got = HexFormat.of().formatHex(digest.digest());
        return got.equals(expected) ? null : kind() + " expected " + expected + ", got " + got;
    }
}
