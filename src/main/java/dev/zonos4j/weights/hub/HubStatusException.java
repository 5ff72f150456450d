package dev.zonos4j.weights.hub;

import java.io.IOException;
import java.net.URI;

/** The hub answered with an HTTP error status; {@code errorCode} is its {@code X-Error-Code} header (or ""). */
final class HubStatusException extends IOException {
    private final int status;
    private final String errorCode;
    private final URI url;

    HubStatusException(int status, String errorCode, String errorMessage, URI url) {
        super("HTTP " + status + (errorCode.isEmpty() ? "" : " " + errorCode)
                + (errorMessage.isEmpty() ? "" : " (" + errorMessage + ")") + " from " + url);
        this.status = status;
        this.errorCode = errorCode;
        this.url = url;
    }

    int status() {
        return status;
    }

    String errorCode() {
        return errorCode;
    }

    URI url() {
        return url;
    }

    /** The file (or the revision) does not exist in a repository that does: no cache or retry can help. */
    boolean isDefinitelyMissing() {
        return "EntryNotFound".equals(errorCode) || "RevisionNotFound".equals(errorCode)
                || status == 404 && errorCode.isEmpty();
    }

    boolean isAuth() {
        return status == 401 || status == 403 || "RepoNotFound".equals(errorCode) || "GatedRepo".equals(errorCode);
    }
}
