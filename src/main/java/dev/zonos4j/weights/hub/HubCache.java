package dev.zonos4j.weights.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The Hugging Face cache layout, shared with Python's {@code huggingface_hub}:
 * <pre>
 * {root}/models--{org}--{name}/
 *     blobs/{etag}                       file contents, named by the hub's ETag (sha256 for LFS files, git sha1 else)
 *     refs/{revision}                    the commit hash a branch or tag pointed at when last resolved
 *     snapshots/{commit}/{file}          relative symlink to ../../blobs/{etag}
 * {root}/.locks/models--{org}--{name}/{etag}.lock
 * </pre>
 * Our partial downloads sit next to the blobs as {@code {etag}.incomplete} so an interrupted download resumes.
 */
public final class HubCache {
    private final Path root;

    public HubCache(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path repoDir(RepoRef repo) {
        return root.resolve(repo.folderName());
    }

    public Path blob(RepoRef repo, String etag) {
        return repoDir(repo).resolve("blobs").resolve(checkEtag(etag));
    }

    public Path incomplete(RepoRef repo, String etag) {
        return repoDir(repo).resolve("blobs").resolve(checkEtag(etag) + ".incomplete");
    }

    public Path snapshot(RepoRef repo, String commit) {
        return repoDir(repo).resolve("snapshots").resolve(commit);
    }

    public Path pointer(RepoRef repo, String commit, String file) {
        Path snap = snapshot(repo, commit);
        Path p = snap.resolve(file).normalize();
        if (!p.startsWith(snap)) {
            throw new IllegalArgumentException("file '" + file + "' would leave the snapshot folder " + snap);
        }
        return p;
    }

    public Path lockFile(RepoRef repo, String etag) {
        return root.resolve(".locks").resolve(repo.folderName()).resolve(checkEtag(etag) + ".lock");
    }

    /** The commit a branch or tag was last resolved to, from {@code refs/{revision}}. */
    public Optional<String> readRef(RepoRef repo) {
        Path ref = repoDir(repo).resolve("refs").resolve(repo.revision());
        try {
            return Files.isRegularFile(ref) ? Optional.of(Files.readString(ref, StandardCharsets.UTF_8).strip())
                    .filter(s -> !s.isEmpty()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Records that {@code repo.revision()} now points at {@code commit} (atomically; a commit revision needs no ref). */
    public void writeRef(RepoRef repo, String commit) throws IOException {
        if (repo.revision().equals(commit)) {
            return;
        }
        Path ref = repoDir(repo).resolve("refs").resolve(repo.revision());
        if (readRef(repo).filter(commit::equals).isPresent()) {
            return;
        }
        Files.createDirectories(ref.getParent());
        Path tmp = ref.resolveSibling(ref.getFileName() + "." + UUID.randomUUID().toString().substring(0, 8) + ".tmp");
        Files.writeString(tmp, commit, StandardCharsets.UTF_8);
        Files.move(tmp, ref, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The files of {@code files} that {@code snapshotDir} lacks (a dangling link counts as missing). */
    public static List<String> missing(Path snapshotDir, List<String> files) {
        List<String> out = new ArrayList<>();
        for (String f : files) {
            if (!Files.isRegularFile(snapshotDir.resolve(f))) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * A snapshot holding all of {@code files} for {@code repo} without asking the hub: the one its revision names
     * (directly for a commit hash, else through {@code refs/}), or for a branch or tag whose ref is missing or
     * incomplete, the most recently written snapshot that has them all.
     */
    public Optional<Path> findComplete(RepoRef repo, List<String> files) {
        Optional<String> commit = repo.revisionIsCommit() ? Optional.of(repo.revision()) : readRef(repo);
        if (commit.isPresent()) {
            Path snap = snapshot(repo, commit.get());
            if (missing(snap, files).isEmpty()) {
                return Optional.of(snap);
            }
        }
        if (repo.revisionIsCommit()) {
            return Optional.empty();
        }
        Path snapshots = repoDir(repo).resolve("snapshots");
        if (!Files.isDirectory(snapshots)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(snapshots)) {
            return dirs.filter(Files::isDirectory)
                    .filter(d -> missing(d, files).isEmpty())
                    .max(Comparator.comparing(HubCache::modified));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Points {@code pointer} at {@code blob} with a relative symlink, or copies the blob where links are refused. */
    public static void link(Path blob, Path pointer) throws IOException {
        Files.createDirectories(pointer.getParent());
        Files.deleteIfExists(pointer);
        Path target = pointer.getParent().toAbsolutePath().relativize(blob.toAbsolutePath());
        try {
            Files.createSymbolicLink(pointer, target);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isSameFile(pointer, blob)) {
                throw e;
            }
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(blob, pointer, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static String checkEtag(String etag) {
        if (etag.isEmpty() || etag.contains("/") || etag.contains("\\") || etag.startsWith(".")) {
            throw new IllegalArgumentException("the hub sent an unusable ETag '" + etag + "'");
        }
        return etag;
    }
}
