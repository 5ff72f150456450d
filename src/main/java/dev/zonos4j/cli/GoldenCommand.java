package dev.zonos4j.cli;

import dev.zonos4j.golden.GoldenRunner;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zonos debug golden}: compares our outputs with the upstream golden vectors of a kit. */
@Command(name = "golden", mixinStandardHelpOptions = true,
        description = "Run golden-vector cases from a reference kit (or a folder of kits) and report drift.")
final class GoldenCommand implements Callable<Integer> {

    @Option(names = "--kit", required = true, description = "A kit folder (zonos, zonos-hybrid, dac, speaker) or a reference root holding kits.")
    Path kit;

    @Option(names = "--component", description = "One of: lm, hybrid, text, dac, speaker, resample (default: all found).")
    String component;

    @Override
    public Integer call() throws Exception {
        GoldenRunner.Result r = GoldenRunner.standard().run(kit, component, System.out);
        System.out.flush();
        return r.ok() ? 0 : Main.EXIT_ERROR;
    }
}
