package dev.zonos4j.cli;

import dev.zonos4j.tensor.Parallel;
import dev.zonos4j.tensor.WeightMatrix;
import dev.zonos4j.tensor.bench.KernelBenchRunner;
import dev.zonos4j.tensor.bench.MatMulShape;
import dev.zonos4j.util.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zonos bench kernels}: JMH matmul benchmarks at the real model's shapes, next to the machine's roofline. */
@Command(name = "kernels", mixinStandardHelpOptions = true,
        description = "JMH: matmul GB/s and GFLOP/s for the real model's largest matrices at 1, 2, 8, 16 rows, and "
                + "attention's KV GB/s at 128, 1024, 2048 positions, with the machine's read bandwidth and peak FMA "
                + "rate measured in the same run.")
final class BenchKernelsCommand implements Callable<Integer> {
    @Option(names = "--shapes", split = ",", defaultValue = "FC1,FC2,IN_PROJ,HEAD", description = "Matrices: FC1, FC2, IN_PROJ, HEAD.")
    List<String> shapes;

    @Option(names = "--rows", split = ",", defaultValue = "1,2,8,16", description = "Activation rows per matmul.")
    List<Integer> rows;

    @Option(names = "--storage", split = ",", defaultValue = "BF16,F32", description = "Weight storage: BF16, F32.")
    List<String> storages;

    @Option(names = "--contexts", split = ",", defaultValue = "128,1024,2048",
            description = "KV cache positions for the attention benchmark (16 rows, every layer).")
    List<Integer> contexts;

    @Option(names = "--threads", description = "Compute threads (default: all cores).")
    Integer threads;

    @Option(names = "--quick", description = "Fewer iterations (rougher numbers, about half the time).")
    boolean quick;

    @Override
    public Integer call() throws Exception {
        int t = threads == null ? Parallel.threads() : threads;
        List<String> shapeNames = names("--shapes", shapes, Arrays.stream(MatMulShape.values()).map(Enum::name).toList());
        List<String> storageNames = names("--storage", storages,
                Arrays.stream(WeightMatrix.Storage.values()).map(Enum::name).toList());
        // checked here: the benchmarks run in forked JVMs, minutes in, where a bad value is only an internal error
        if (t < 1 || rows.stream().anyMatch(r -> r < 1) || contexts.stream().anyMatch(c -> c < 1)) {
            throw new InvalidInputException("--threads, every --rows and every --contexts value must be >= 1, got --threads "
                    + t + " --rows " + rows + " --contexts " + contexts);
        }
        KernelBenchRunner.run(new KernelBenchRunner.Plan(shapeNames, rows, storageNames, contexts, t, quick), System.out);
        return 0;
    }

    private static List<String> names(String option, List<String> given, List<String> known) {
        List<String> upper = given.stream().map(n -> n.trim().toUpperCase(Locale.ROOT)).toList();
        for (int i = 0; i < upper.size(); i++) {
            if (!known.contains(upper.get(i))) {
                throw new InvalidInputException(option + ": unknown '" + given.get(i) + "', expected one of "
                        + String.join(", ", known));
            }
        }
        return upper;
    }
}
