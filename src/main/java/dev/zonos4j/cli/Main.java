package dev.zonos4j.cli;

import dev.zonos4j.util.InvalidInputException;
import dev.zonos4j.util.ZonosException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code zonos} command line: parses arguments, runs the subcommand, maps errors to exit codes. */
@Command(name = "zonos", mixinStandardHelpOptions = true, version = "Zonos4J 0.1.0",
        description = "Zonos v0.1 voice-cloning text-to-speech on the JVM.",
        subcommands = {
            SpeakCommand.class,
            ServeCommand.class,
            DebugCommand.class,
            ModelsCommand.class,
            PhonemizeCommand.class,
            SegmentCommand.class,
            VoiceCommand.class,
            DecodeCommand.class,
            EncodeCommand.class,
            BenchCommand.class,
            ReportCommand.class,
        })
public final class Main implements Runnable {

    /** Exit status for bad arguments or input. */
    public static final int EXIT_USAGE = 2;
    /** Exit status for a failure the user can act on (missing file, bad checkpoint). */
    public static final int EXIT_ERROR = 1;

    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns its exit status (used by tests too). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            boolean debug = System.getenv("ZONOS_DEBUG") != null;
            if (e instanceof InvalidInputException) {
                cmd.getErr().println("zonos: " + e.getMessage());
                return EXIT_USAGE;
            }
            if (e instanceof ZonosException && !debug) {
                cmd.getErr().println("zonos: " + e.getMessage());
                return EXIT_ERROR;
            }
            cmd.getErr().println("zonos: internal error: " + e);
            if (debug) {
                e.printStackTrace(cmd.getErr());
            } else {
                cmd.getErr().println("(set ZONOS_DEBUG=1 for the stack trace)");
            }
            return EXIT_ERROR;
        });
        return cli.execute(args);
    }
}
