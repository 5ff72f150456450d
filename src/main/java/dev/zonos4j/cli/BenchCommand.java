package dev.zonos4j.cli;

import picocli.CommandLine.Command;

/** Fixed-seed benchmarks with random weights at real size. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (random weights, real sizes).",
        subcommands = {
            SpeakerBenchCommand.class,
        })
final class BenchCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.err);
    }
}
