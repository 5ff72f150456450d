package dev.zonos4j.cli;

import picocli.CommandLine.Command;

/** {@code zonos voice}: the named voices in the voice store, and reference-clip analysis. */
@Command(name = "voice", mixinStandardHelpOptions = true,
        description = "Manage named voices (speaker embeddings of reference clips) and check reference clips.",
        subcommands = {
            VoiceAddCommand.class,
            VoiceListCommand.class,
            VoiceShowCommand.class,
            VoiceRmCommand.class,
            VoiceAnalyzeCommand.class,
        })
final class VoiceCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.err);
    }
}
