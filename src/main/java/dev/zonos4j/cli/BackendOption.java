package dev.zonos4j.cli;

import dev.zonos4j.tensor.Backend;
import dev.zonos4j.tensor.Kernels;
import picocli.CommandLine.Option;

/**
 * {@code --backend auto|native|vector|scalar}: the compute kernels models load with. Sets the process-wide default
 * ({@code zonos.backend}) before any model loads, resolves it, and says once which backend and ISA run.
 */
final class BackendOption {

    @Option(names = "--backend", paramLabel = "NAME", description = "Compute kernels: auto (default: native where "
            + "oneDNN loads, else vector), native (oneDNN, bf16 dot products), vector (portable Vector API, f32 "
            + "activations: the exact path), scalar (reference).")
    String backend;

    /** Applies the choice and returns the kernels it resolves to (fails with the reason if native is unavailable). */
    Kernels apply() {
        if (backend != null) {
            System.setProperty("zonos.backend", Backend.parse(backend).label());
        }
        return Kernels.preferred();
    }
}
