package dev.zonos4j.weights.hub;

import java.util.regex.Pattern;

/**
 * A model repository on the hub and the revision wanted from it: {@code org/name} or {@code org/name@revision}
 * (a branch, tag or commit hash; default {@code main}).
 */
public record RepoRef(String repoId, String revision) {

    public static final String DEFAULT_REVISION = "main";

    // The hub's own rule for repo ids: an optional namespace, a name of word characters, '-' and '.', at most 96 long.
    private static final Pattern REPO_ID = Pattern.compile("([\\w.-]+/)?[\\w.-]{1,96}");
    private static final Pattern REVISION = Pattern.compile("[\\w./-]{1,200}");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    public RepoRef {
        if (repoId == null || !REPO_ID.matcher(repoId).matches() || repoId.contains("--") || repoId.contains("..")
                || repoId.startsWith("-") || repoId.startsWith(".") || repoId.endsWith("-") || repoId.endsWith(".")) {
            throw new IllegalArgumentException("'" + repoId + "' is not a Hugging Face repo id (expected org/name,"
                    + " e.g. Zyphra/Zonos-v0.1-transformer)");
        }
        if (revision == null || !REVISION.matcher(revision).matches() || revision.contains("..")) {
            throw new IllegalArgumentException("'" + revision + "' is not a valid revision for " + repoId
                    + " (expected a branch, tag or commit hash)");
        }
    }

    /** Parses {@code org/name} or {@code org/name@revision}. */
    public static RepoRef parse(String spec) {
        int at = spec.lastIndexOf('@');
        return at < 0 ? new RepoRef(spec, DEFAULT_REVISION) : new RepoRef(spec.substring(0, at), spec.substring(at + 1));
    }

    /** Whether {@code spec} has the form of a repo id (it may still not exist on the hub). */
    public static boolean looksLikeRepoId(String spec) {
        try {
            parse(spec);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The cache folder name {@code huggingface_hub} uses: {@code models--org--name}. */
    public String folderName() {
        return "models--" + repoId.replace("/", "--");
    }

    /** Whether the revision is a full commit hash (then the snapshot folder is named by it directly). */
    public boolean revisionIsCommit() {
        return isCommit(revision);
    }

    static boolean isCommit(String s) {
        return COMMIT.matcher(s).matches();
    }

    public RepoRef atRevision(String rev) {
        return new RepoRef(repoId, rev);
    }

    @Override
    public String toString() {
        return DEFAULT_REVISION.equals(revision) ? repoId : repoId + "@" + revision;
    }
}
