package dev.zonos4j.cli;

import dev.zonos4j.golden.GoldenRunner;
import dev.zonos4j.tensor.Backend;
import dev.zonos4j.tensor.Kernels;
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

    @Option(names = "--backend", defaultValue = "vector", description = "Kernels of the lm component: vector (the exact "
            + "f32-activation path, default), scalar, or native (the fast bf16 path: reports its drift from the kit).")
    String backend;

    @Override
    public Integer call() throws Exception {
        Kernels kernels = Backend.parse(backend).kernels();
        GoldenRunner.Result r = GoldenRunner.standard(kernels).run(kit, component, System.out);
        System.out.flush();
        return r.ok() ? 0 : Main.EXIT_ERROR;
    }
}
