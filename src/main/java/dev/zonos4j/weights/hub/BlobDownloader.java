package dev.zonos4j.weights.hub;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads one blob into the cache: bytes go to {@code blobs/{etag}.incomplete}, which survives an interruption
 * and is resumed with a Range request (within this run up to {@code retries} times, or by the next run); the
 * finished file is checked for size and hash and only then renamed to {@code blobs/{etag}}. A file that fails
 * the check is deleted, so nothing unverified ever sits under a blob name.
 */
final class BlobDownloader {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final int BUFFER = 1 << 16;

    private final HubHttp http;
    private final HubConfig config;
    private final DownloadProgress progress;

    BlobDownloader(HubHttp http, HubConfig config, DownloadProgress progress) {
        this.http = http;
        this.config = config;
        this.progress = progress;
    }

    /** Makes sure {@code blobs/{etag}} of {@code meta} exists and is verified; returns its path. */
    Path fetch(HubCache cache, RepoRef repo, FileMetadata meta) throws IOException {
        Path blob = cache.blob(repo, meta.etag());
        if (Files.isRegularFile(blob)) {
            return blob;
        }
        Files.createDirectories(blob.getParent());
        Path lockFile = cache.lockFile(repo, meta.etag());
        Files.createDirectories(lockFile.getParent());
        try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lock(lockChannel, lockFile)) {
            if (!Files.isRegularFile(blob)) {
                download(meta, cache.incomplete(repo, meta.etag()), blob, repo);
            }
        }
        return blob;
    }

    private void download(FileMetadata meta, Path part, Path blob, RepoRef repo) throws IOException {
        long size = meta.size();
        BlobHash hash = BlobHash.forEtag(meta.etag(), size);
        try (FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            long have = ch.size();
            if (have > size) {
                ch.truncate(0);
                have = 0;
            }
            checkSpace(part, size - have);
            hashExisting(ch, have, hash);
            try (DownloadProgress.Bar bar = progress.start(repo.repoId() + "/" + meta.file(), size, have)) {
                int failures = 0;
                while (have < size) {
                    try {
                        have = transfer(meta, ch, have, hash, bar);
                    } catch (HubStatusException e) {
                        if (!isTransient(e) || ++failures > config.retries()) {
                            throw e;
                        }
                        backOff(failures);
                    } catch (IOException e) {
                        if (++failures > config.retries()) {
                            throw interrupted(meta, part, ch.size(), e);
                        }
                        backOff(failures);
                        have = ch.size();
                    }
                }
            }
        } catch (OversizeException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        String mismatch = hash.mismatch();
        if (mismatch != null) {
            Files.deleteIfExists(part);
            throw new HubException("downloaded " + repo.repoId() + "/" + meta.file() + " does not match the hub's"
                    + " checksum (" + mismatch + "); the damaged download was deleted, run again to retry."
                    + " If this repeats, a proxy or mirror (HF_ENDPOINT=" + config.endpoint() + ") is altering files.");
        }
        Files.move(part, blob, StandardCopyOption.ATOMIC_MOVE);
    }

    /** One GET from {@code have} on; returns how many bytes the file holds afterwards. */
    private long transfer(FileMetadata meta, FileChannel ch, long have, BlobHash hash, DownloadProgress.Bar bar)
            throws IOException {
        HttpResponse<InputStream> r = http.get(meta.location(), have);
        try (InputStream in = r.body()) {
            int status = r.statusCode();
            if (status == 206) {
                long start = rangeStart(r);
                if (start != have) {
                    throw new IOException("the server resumed " + meta.file() + " at byte " + start
                            + " instead of " + have);
                }
            } else if (status == 200 || status == 416) {
                // The server ignored the Range (or refused it): start over so the hash covers the whole file.
                ch.truncate(0);
                have = 0;
                hash.reset();
                bar.reset(0);
                if (status == 416) {
                    throw new IOException("the server refused to resume " + meta.file());
                }
            } else {
                throw new IOException("unexpected HTTP " + status + " downloading " + meta.location());
            }
            ch.position(have);
            return copy(in, ch, have, meta, hash, bar);
        }
    }

    private long copy(InputStream in, FileChannel ch, long have, FileMetadata meta, BlobHash hash,
                      DownloadProgress.Bar bar) throws IOException {
        byte[] buf = new byte[BUFFER];
        try (StallGuard guard = new StallGuard(in, config.readTimeout().toNanos())) {
            int n;
            while ((n = guard.read(buf)) > 0) {
                if (have + n > meta.size()) {
                    throw new OversizeException(meta.file() + ": the server sent more than the " + meta.size()
                            + " bytes the hub announced; the partial download was deleted");
                }
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                while (bb.hasRemaining()) {
                    ch.write(bb);
                }
                hash.update(buf, 0, n);
                have += n;
                bar.advance(n);
            }
        }
        if (have < meta.size()) {
            throw new IOException("connection closed after " + have + " of " + meta.size() + " bytes");
        }
        return have;
    }

    private static void hashExisting(FileChannel ch, long have, BlobHash hash) throws IOException {
        ByteBuffer bb = ByteBuffer.allocate(BUFFER);
        long pos = 0;
        while (pos < have) {
            bb.clear().limit((int) Math.min(BUFFER, have - pos));
            int n = ch.read(bb, pos);
            if (n <= 0) {
                throw new IOException("cannot read back the partial download");
            }
            hash.update(bb.array(), 0, n);
            pos += n;
        }
    }

    private static void checkSpace(Path part, long needed) throws IOException {
        long free = Files.getFileStore(part).getUsableSpace();
        if (free < needed) {
            throw new HubException("not enough disk space for " + part.getFileName() + " in " + part.getParent()
                    + ": " + needed + " more bytes needed, " + free + " free; free some space or set HF_HOME or"
                    + " HF_HUB_CACHE to a folder on a bigger disk");
        }
    }

    private static long rangeStart(HttpResponse<?> r) throws IOException {
        String cr = r.headers().firstValue("Content-Range").orElseThrow(
                () -> new IOException("a 206 answer without Content-Range from " + r.uri()));
        Matcher m = CONTENT_RANGE.matcher(cr.strip());
        if (!m.matches()) {
            throw new IOException("unreadable Content-Range '" + cr + "' from " + r.uri());
        }
        return Long.parseLong(m.group(1));
    }

    private static boolean isTransient(HubStatusException e) {
        return e.status() >= 500 || e.status() == 408 || e.status() == 429;
    }

    private static void backOff(int failures) throws IOException {
        try {
            Thread.sleep(Math.min(2000L, 100L << Math.min(failures, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static HubException interrupted(FileMetadata meta, Path part, long have, IOException cause) {
        return new HubException("download of " + meta.file() + " stopped after " + have + " of " + meta.size()
                + " bytes (" + cause.getMessage() + "); the part is kept in " + part
                + " and the next run resumes from there", cause);
    }

    /** Waits for another process (or thread) holding the same blob's lock, as huggingface_hub does. */
    private static FileLock lock(FileChannel ch, Path lockFile) throws IOException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.HOURS.toNanos(1);
        while (true) {
            try {
                FileLock l = ch.tryLock();
                if (l != null) {
                    return l;
                }
            } catch (OverlappingFileLockException e) {
                // Another thread of this process downloads the same blob; wait for it like for another process.
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("waited an hour for the download lock " + lockFile);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + lockFile, e);
            }
        }
    }

    /** Bytes beyond the announced size: never retried, the part is discarded. */
    private static final class OversizeException extends HubException {
        OversizeException(String message) {
            super(message);
        }
    }
}
