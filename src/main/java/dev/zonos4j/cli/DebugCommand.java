package dev.zonos4j.cli;

import picocli.CommandLine.Command;

/** Developer tools: golden-vector checks and random checkpoints. */
@Command(name = "debug", mixinStandardHelpOptions = true, description = "Developer tools.",
        subcommands = {
            GoldenCommand.class,
            RandomModelCommand.class,
            RandomCodecCommand.class,
            RandomSpeakerCommand.class,
        })
final class DebugCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.err);
    }
}
