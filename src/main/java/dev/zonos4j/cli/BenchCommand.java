package dev.zonos4j.cli;

import picocli.CommandLine.Command;

/** Benchmarks: speed lives here, not in tests. Each prints its own numbers. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (speed lives here, not in tests).",
        subcommands = {
            BenchLongformCommand.class,
            BenchLmCommand.class,
            BenchKernelsCommand.class,
            BenchDacCommand.class,
            SpeakerBenchCommand.class,
            BenchSegmentCommand.class,
            VoiceCacheBenchCommand.class,
            BenchServeCommand.class,
        })
final class BenchCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.err);
    }
}
