package dev.zonos4j.cli;

import picocli.CommandLine.Command;

/** Benchmarks: the language model at real size and the compute kernels. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (speed lives here, not in tests).",
        subcommands = {
            BenchLmCommand.class,
            BenchKernelsCommand.class,
        })
final class BenchCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.err);
    }
}
