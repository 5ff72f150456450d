package dev.zonos4j.weights.hub;

import dev.zonos4j.util.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns what the user passed to {@code --model}, {@code --codec} or {@code --speaker-model} into a local folder
 * holding the model's files: an existing directory is used as it is; anything else is a hub repo id
 * ({@code org/name[@revision]}) whose files are taken from the Hugging Face cache, downloading what is missing.
 * Behaves like {@code huggingface_hub.hf_hub_download}: online, each file's metadata is asked for (cheap HEAD
 * requests) so a moved branch is followed; when the hub cannot be reached the last cached snapshot is used.
 */
public final class ModelResolver {
    private final HubConfig config;
    private final HubCache cache;
    private final DownloadProgress progress;

    /** A resolver with a progress bar on stderr when it is a terminal and the config allows it. */
    public ModelResolver(HubConfig config) {
        this(config, DownloadProgress.console(config.progress()));
    }

    public ModelResolver(HubConfig config, DownloadProgress progress) {
        this.config = config;
        this.cache = new HubCache(config.hubCache());
        this.progress = config.progress() ? progress : DownloadProgress.NONE;
    }

    public HubCache cache() {
        return cache;
    }

    /**
     * The folder holding {@code model.files()}: {@code spec} itself when it is a directory (checked to hold them),
     * else the cache snapshot of the repo {@code spec} names ({@code model.defaultRepo()} when blank or null).
     *
     * @throws InvalidInputException when {@code spec} is neither a usable directory nor a repo id
     * @throws HubException          when the files cannot be had from the cache or the hub
     */
    public Path resolve(String spec, ModelFiles model) {
        String s = spec == null || spec.isBlank() ? model.defaultRepo() : spec.strip();
        Path dir = localPath(s);
        if (dir != null && Files.isDirectory(dir)) {
            List<String> missing = HubCache.missing(dir, model.files());
            if (!missing.isEmpty()) {
                throw new InvalidInputException(model.option() + " " + s + ": the directory lacks "
                        + String.join(", ", missing) + " (a model directory for " + model.option() + " holds "
                        + String.join(", ", model.files()) + ")");
            }
            return dir;
        }
        if (dir != null && Files.exists(dir)) {
            throw new InvalidInputException(model.option() + " " + s + " is a file; pass the directory that holds "
                    + String.join(", ", model.files()) + ", or a Hugging Face repo id");
        }
        if (looksLikePath(s) || !RepoRef.looksLikeRepoId(s)) {
            throw new InvalidInputException(model.option() + " " + s + ": no such directory, and not a Hugging Face"
                    + " repo id (org/name or org/name@revision, e.g. " + model.defaultRepo() + ")");
        }
        return fetch(RepoRef.parse(s), model.files(), model.option());
    }

    /**
     * The cache snapshot of {@code repo} holding {@code files}, downloading what is missing.
     *
     * @param option the command-line option that named the repo (for messages), or "" when there is none
     */
    public Path fetch(RepoRef repo, List<String> files, String option) {
        if (repo.revisionIsCommit()) {
            Path snap = cache.snapshot(repo, repo.revision());
            if (HubCache.missing(snap, files).isEmpty()) {
                return snap;
            }
        }
        if (config.offline()) {
            return cache.findComplete(repo, files).orElseThrow(() -> missing(repo, files, option,
                    "HF_HUB_OFFLINE is set, so nothing is downloaded", "unset HF_HUB_OFFLINE and run with network"
                            + " access, or with HF_ENDPOINT pointing at a reachable mirror (the files then download"
                            + " into the cache above)"));
        }
        try (HubHttp http = new HubHttp(config)) {
            List<FileMetadata> metas;
            try {
                metas = headAll(http, repo, files);
            } catch (HubStatusException e) {
                if (e.isDefinitelyMissing()) {
                    String file = e.url().getPath().substring(e.url().getPath().lastIndexOf('/') + 1);
                    String what = "RevisionNotFound".equals(e.errorCode()) ? "no revision " + repo.revision()
                            : "no file " + file + " at revision " + repo.revision();
                    throw new HubException(repo + ": the hub has " + what + " (" + e.getMessage() + "); check the repo id and revision given to "
                            + (option.startsWith("--") ? option : "it") + " (it needs " + String.join(", ", files)
                            + ")");
                }
                return cache.findComplete(repo, files).orElseThrow(() -> missing(repo, files, option,
                        statusReason(e), statusAdvice(e)));
            } catch (IOException e) {
                return cache.findComplete(repo, files).orElseThrow(() -> missing(repo, files, option,
                        "the hub at " + config.endpoint() + " could not be reached (" + describe(e) + ")",
                        "run with network access, or set HF_ENDPOINT to a reachable mirror"));
            }
            return download(http, repo, metas);
        }
    }

    /** The cache snapshot of {@code repo} holding {@code files}, without any network access. */
    public Optional<Path> cached(RepoRef repo, List<String> files) {
        return cache.findComplete(repo, files);
    }

    private List<FileMetadata> headAll(HubHttp http, RepoRef repo, List<String> files) throws IOException {
        List<FileMetadata> metas = new ArrayList<>();
        String revision = repo.revision();
        for (String f : files) {
            FileMetadata m = http.head(repo, revision, f);
            // Ask for the rest at the commit the first answer named, so all files come from one snapshot.
            revision = m.commit();
            metas.add(m);
        }
        return metas;
    }

    private Path download(HubHttp http, RepoRef repo, List<FileMetadata> metas) {
        String commit = metas.getFirst().commit();
        BlobDownloader downloader = new BlobDownloader(http, config, progress);
        try {
            for (FileMetadata m : metas) {
                Path pointer = cache.pointer(repo, commit, m.file());
                if (Files.isRegularFile(pointer)) {
                    continue;
                }
                Path blob;
                try {
                    blob = downloader.fetch(cache, repo, m);
                } catch (HubStatusException e) {
                    throw new HubException("downloading " + repo.repoId() + "/" + m.file() + " failed: "
                            + e.getMessage() + (e.isAuth() ? "; " + tokenAdvice() : ""), e);
                }
                HubCache.link(blob, pointer);
            }
            cache.writeRef(repo, commit);
        } catch (HubException e) {
            throw e;
        } catch (IOException e) {
            throw new HubException("cannot write the Hugging Face cache at " + cache.root() + " (" + describe(e)
                    + "); make it writable, or set HF_HOME or HF_HUB_CACHE to a writable folder", e);
        }
        return cache.snapshot(repo, commit);
    }

    private HubException missing(RepoRef repo, List<String> files, String option, String reason, String fetchAdvice) {
        List<String> lacking = lacking(repo, files);
        String all = String.join(" ", files);
        return new HubException("cannot get model " + repo + (option.isEmpty() ? "" : " for " + option) + ": "
                + reason + ", and the Hugging Face cache lacks " + String.join(", ", lacking) + ".\n"
                + "  Looked in: " + lookedIn(repo, files) + "\n"
                + "  To provide the files, do one of:\n"
                + (option.startsWith("--") ? "    - pass a local directory holding " + String.join(", ", files) + ": "
                        + option + " /path/to/dir\n" : "")
                + "    - " + fetchAdvice + "\n"
                + "    - copy a Hugging Face cache that has them into " + cache.root()
                + " (or point HF_HOME or HF_HUB_CACHE at one), e.g. made on a machine with network by\n"
                + "      huggingface-cli download " + repo.repoId()
                + (RepoRef.DEFAULT_REVISION.equals(repo.revision()) ? "" : " --revision " + repo.revision())
                + " " + all);
    }

    private List<String> lacking(RepoRef repo, List<String> files) {
        Optional<String> commit = repo.revisionIsCommit() ? Optional.of(repo.revision()) : cache.readRef(repo);
        return commit.map(c -> HubCache.missing(cache.snapshot(repo, c), files)).filter(l -> !l.isEmpty())
                .orElse(files);
    }

    private String lookedIn(RepoRef repo, List<String> files) {
        Path dir = cache.repoDir(repo);
        if (!Files.isDirectory(dir)) {
            return dir + " (not there)";
        }
        Optional<String> commit = repo.revisionIsCommit() ? Optional.of(repo.revision()) : cache.readRef(repo);
        if (commit.isEmpty()) {
            return dir + " (no snapshot recorded for revision " + repo.revision() + ")";
        }
        Path snap = cache.snapshot(repo, commit.get());
        return snap + " (lacks " + String.join(", ", HubCache.missing(snap, files)) + ")";
    }

    private String statusReason(HubStatusException e) {
        if (e.isAuth()) {
            return "the hub refused access (" + e.getMessage() + ")";
        }
        return "the hub answered " + e.getMessage();
    }

    private String statusAdvice(HubStatusException e) {
        return e.isAuth() ? tokenAdvice() : "try again later, or set HF_ENDPOINT to a reachable mirror";
    }

    private String tokenAdvice() {
        return config.hasToken()
                ? "the token in HF_TOKEN has no access to this repository (accept its terms on the hub, or use"
                        + " another token)"
                : "if the repository is private or gated, set HF_TOKEN to a token with access (none is set now)";
    }

    private static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return "host not found";
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        return e instanceof java.net.ConnectException ? "connection refused" : e.getClass().getSimpleName();
    }

    private static Path localPath(String s) {
        try {
            String expanded = s.equals("~") || s.startsWith("~/") ? System.getProperty("user.home") + s.substring(1) : s;
            return Path.of(expanded);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** Absolute, explicitly relative or home paths, and anything with more than one '/', are never repo ids. */
    private static boolean looksLikePath(String s) {
        String beforeRevision = s.contains("@") ? s.substring(0, s.lastIndexOf('@')) : s;
        return s.startsWith("/") || s.startsWith("./") || s.startsWith("../") || s.startsWith("~") || s.contains("\\")
                || beforeRevision.chars().filter(c -> c == '/').count() > 1;
    }
}
