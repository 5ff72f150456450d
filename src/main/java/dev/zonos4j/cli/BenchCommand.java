package dev.zonos4j.cli;

import picocli.CommandLine.Command;

/** {@code zonos bench}: benchmarks that print their own numbers. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.",
        subcommands = {
            VoiceCacheBenchCommand.class,
        })
final class BenchCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.err);
    }
}
