package dev.zonos4j.weights.hub;

import java.net.URI;
import java.util.Objects;

/**
 * What a HEAD on {@code /resolve/} says about one file: the commit the revision resolved to, the blob's ETag
 * (sha256 of the content for LFS files, git blob sha1 for small files), its size, and where to GET it (the CDN
 * location for LFS files, else the resolve URL).
 */
public record FileMetadata(String file, String commit, String etag, long size, URI location) {
    public FileMetadata {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(location, "location");
        if (size < 0) {
            throw new IllegalArgumentException("file size must be >= 0, got " + size + " for " + file);
        }
    }
}
