package dev.zonos4j.cli;

import picocli.CommandLine.Command;

/** Fixed-input benchmarks that print their own timings. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.",
        subcommands = {
            BenchSegmentCommand.class,
            VoiceCacheBenchCommand.class,
        })
final class BenchCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.err);
    }
}
