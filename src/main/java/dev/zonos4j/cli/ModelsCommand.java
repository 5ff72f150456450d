package dev.zonos4j.cli;

import dev.zonos4j.util.InvalidInputException;
import dev.zonos4j.util.ZonosException;
import dev.zonos4j.weights.hub.HubConfig;
import dev.zonos4j.weights.hub.ModelFiles;
import dev.zonos4j.weights.hub.ModelResolver;
import dev.zonos4j.weights.hub.RepoRef;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zonos models fetch|path REPO_ID}: fills the Hugging Face cache, or says where a model sits in it. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Models in the Hugging Face cache (HF_HOME, HF_HUB_CACHE, HF_ENDPOINT, HF_TOKEN, HF_HUB_OFFLINE).",
        subcommands = {ModelsCommand.Fetch.class, ModelsCommand.Where.class})
final class ModelsCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.err);
    }

    /** What both subcommands take: a repo and the files wanted from it. */
    abstract static class RepoFiles {
        @Parameters(index = "0", paramLabel = "REPO_ID",
                description = "org/name[@revision], e.g. Zyphra/Zonos-v0.1-transformer, descript/dac_44khz,"
                        + " Zyphra/Zonos-v0.1-speaker-embedding.")
        String repo;

        @Option(names = "--file", paramLabel = "FILE",
                description = "A file to fetch (repeatable; default: the files Zonos4J needs from the known repos).")
        List<String> files;

        RepoRef repoRef() {
            try {
                return RepoRef.parse(repo);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(e.getMessage());
            }
        }

        List<String> wanted(RepoRef ref) {
            if (files != null && !files.isEmpty()) {
                try {
                    return new ModelFiles(ref.repoId(), files, "--file").files();
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException("--file: " + e.getMessage());
                }
            }
            return ModelFiles.forRepo(ref.repoId()).map(ModelFiles::files).orElseThrow(() -> new InvalidInputException(
                    ref.repoId() + " is not one of the models Zonos4J knows; name the files to fetch with --file"));
        }
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Download a model's files into the Hugging Face cache (skipping what is there) and print"
                    + " the snapshot folder.")
    static final class Fetch extends RepoFiles implements Callable<Integer> {
        @Option(names = "--no-progress", description = "Do not draw a progress bar.")
        boolean noProgress;

        @Override
        public Integer call() {
            RepoRef ref = repoRef();
            HubConfig config = HubConfig.fromEnvironment();
            if (noProgress) {
                config = config.withProgress(false);
            }
            Path dir = new ModelResolver(config).fetch(ref, wanted(ref), "");
            System.out.println(dir);
            return 0;
        }
    }

    @Command(name = "path", mixinStandardHelpOptions = true,
            description = "Print the cache folder holding a model's files, without any network access.")
    static final class Where extends RepoFiles implements Callable<Integer> {
        @Override
        public Integer call() {
            RepoRef ref = repoRef();
            List<String> wanted = wanted(ref);
            ModelResolver resolver = new ModelResolver(HubConfig.fromEnvironment());
            Path dir = resolver.cached(ref, wanted).orElseThrow(() -> new ZonosException(ref + " is not in the"
                    + " Hugging Face cache at " + resolver.cache().root() + " with all of " + String.join(", ", wanted)
                    + "; run: zonos models fetch " + ref));
            System.out.println(dir);
            return 0;
        }
    }
}
