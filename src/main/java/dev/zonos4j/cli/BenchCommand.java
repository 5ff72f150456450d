package dev.zonos4j.cli;

import picocli.CommandLine.Command;

/** Benchmarks that print their own speed against the machine's measured limits. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.",
        subcommands = {
            BenchDacCommand.class,
        })
final class BenchCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.err);
    }
}
