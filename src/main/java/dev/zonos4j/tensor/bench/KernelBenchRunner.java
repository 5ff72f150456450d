package dev.zonos4j.tensor.bench;

import dev.zonos4j.tensor.WeightMatrix;
import dev.zonos4j.tensor.onednn.OneDnn;
import dev.zonos4j.tensor.onednn.OneDnnException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the kernel JMH benchmarks ({@link MatMulBench}, {@link NativeMatMulBench} where oneDNN loads and bf16 is
 * asked for, {@link AttentionBench}, {@link RooflineBench}) in forked JVMs and prints, per shape, row count and
 * storage (or page size): time, GB/s of weights streamed and GFLOP/s; per context and KV storage: time and GB/s of
 * KV read; next to the measured read bandwidth and peak FMA rate of the same run.
 */
public final class KernelBenchRunner {

    /** What to run. */
    public record Plan(List<String> shapes, List<Integer> rows, List<String> storages, List<Integer> contexts, int threads,
            boolean quick) {
    }

    private KernelBenchRunner() {
    }

    public static void run(Plan plan, PrintStream out) throws RunnerException {
        boolean nativeRun = plan.storages().contains(WeightMatrix.Storage.BF16.name()) && oneDnnLoads(out);
        ChainedOptionsBuilder ob = new OptionsBuilder()
                .include(MatMulBench.class.getName() + ".matmul")
                .include(RooflineBench.class.getName())
                .include(AttentionBench.class.getName() + ".attention")
                .forks(1)
                .warmupIterations(plan.quick() ? 3 : 5).warmupTime(TimeValue.seconds(1))
                .measurementIterations(plan.quick() ? 3 : 5).measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx6g",
                        "-XX:+UseParallelGC", "-Dzonos.threads=" + plan.threads())
                .param("shape", plan.shapes().toArray(String[]::new))
                .param("rows", plan.rows().stream().map(String::valueOf).toArray(String[]::new))
                .param("storage", plan.storages().toArray(String[]::new))
                .param("context", plan.contexts().stream().map(String::valueOf).toArray(String[]::new))
                .param("pages", NATIVE_PAGES)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT);
        if (nativeRun) {
            ob.include(NativeMatMulBench.class.getName() + ".matmul");
        }
        int matmuls = plan.shapes().size() * plan.rows().size() * (plan.storages().size() + (nativeRun ? NATIVE_PAGES.length : 0));
        out.printf(Locale.ROOT, "running %d matmul and %d attention configurations + roofline (JMH, %s, %d threads); this takes a few minutes%n",
                matmuls, plan.contexts().size() * plan.storages().size(), plan.quick() ? "quick" : "full", plan.threads());
        Collection<RunResult> results = new Runner(ob.build()).run();
        report(results, plan.threads(), out);
    }

    private static final String[] NATIVE_PAGES = {"HUGE", "SMALL"};

    private static boolean oneDnnLoads(PrintStream out) {
        try {
            OneDnn.get();
            return true;
        } catch (OneDnnException e) {
            out.println("native matmul not benchmarked: " + e.getMessage());
            return false;
        }
    }

    private static void report(Collection<RunResult> results, int threads, PrintStream out) {
        double readGBps = Double.NaN;
        double peakGflops = Double.NaN;
        List<RunResult> mm = new ArrayList<>();
        List<RunResult> att = new ArrayList<>();
        List<RunResult> nat = new ArrayList<>();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            double us = r.getPrimaryResult().getScore();
            if (label.endsWith("readGiB")) {
                readGBps = RooflineBench.READ_BYTES / us / 1e3;
            } else if (label.endsWith("fmaBurst")) {
                peakGflops = Roofline.fmaBurstFlops(RooflineBench.FMA_ITERATIONS, threads) / us / 1e3;
            } else if (label.endsWith("attention")) {
                att.add(r);
            } else if (label.startsWith(NativeMatMulBench.class.getName())) {
                nat.add(r);
            } else {
                mm.add(r);
            }
        }
        mm.sort(Comparator.comparing((RunResult r) -> MatMulShape.valueOf(r.getParams().getParam("shape")).ordinal())
                .thenComparing(r -> r.getParams().getParam("storage"))
                .thenComparingInt(r -> Integer.parseInt(r.getParams().getParam("rows"))));
        out.printf(Locale.ROOT, "machine: read bandwidth %.1f GB/s (Vector API sum over 1 GiB off-heap), peak FMA %.1f GFLOP/s, %d threads%n",
                readGBps, peakGflops, threads);
        out.printf(Locale.ROOT, "%-8s %-12s %-5s %4s %10s %8s %7s %9s %7s%n", "matrix", "[out, in]", "store", "rows", "us/op",
                "GB/s", "%read", "GFLOP/s", "%peak");
        for (RunResult r : mm) {
            MatMulShape s = MatMulShape.valueOf(r.getParams().getParam("shape"));
            int rows = Integer.parseInt(r.getParams().getParam("rows"));
            WeightMatrix.Storage st = WeightMatrix.Storage.valueOf(r.getParams().getParam("storage"));
            double us = r.getPrimaryResult().getScore();
            double gbps = (double) s.out * s.in * st.bytes() / us / 1e3;
            double gflops = 2.0 * s.out * s.in * rows / us / 1e3;
            out.printf(Locale.ROOT, "%-8s %-12s %-5s %4d %10.1f %8.1f %6.0f%% %9.1f %6.0f%%%n", s.name().toLowerCase(Locale.ROOT),
                    "[" + s.out + ", " + s.in + "]", st.name().toLowerCase(Locale.ROOT), rows, us, gbps, 100 * gbps / readGBps,
                    gflops, 100 * gflops / peakGflops);
        }
        if (!nat.isEmpty()) {
            nat.sort(Comparator.comparing((RunResult r) -> MatMulShape.valueOf(r.getParams().getParam("shape")).ordinal())
                    .thenComparingInt(r -> Integer.parseInt(r.getParams().getParam("rows")))
                    .thenComparing(r -> r.getParams().getParam("pages")));
            // no percentages: the roofline above is a Java read and an f32 FMA peak, and bf16 dot products go past both
            out.printf(Locale.ROOT, "native matmul: %s, bf16 weights packed in huge (2 MiB) or small (4 KiB) pages%n",
                    OneDnn.get().libraryInfo());
            out.printf(Locale.ROOT, "%-8s %-12s %-5s %4s %10s %8s %9s%n", "matrix", "[out, in]", "pages", "rows", "us/op", "GB/s",
                    "GFLOP/s");
            for (RunResult r : nat) {
                MatMulShape s = MatMulShape.valueOf(r.getParams().getParam("shape"));
                int rows = Integer.parseInt(r.getParams().getParam("rows"));
                double us = r.getPrimaryResult().getScore();
                double gbps = (double) s.out * s.in * 2 / us / 1e3;
                double gflops = 2.0 * s.out * s.in * rows / us / 1e3;
                out.printf(Locale.ROOT, "%-8s %-12s %-5s %4d %10.1f %8.1f %9.1f%n", s.name().toLowerCase(Locale.ROOT),
                        "[" + s.out + ", " + s.in + "]", r.getParams().getParam("pages").toLowerCase(Locale.ROOT), rows, us, gbps,
                        gflops);
            }
        }
        att.sort(Comparator.comparing((RunResult r) -> r.getParams().getParam("storage"))
                .thenComparingInt(r -> Integer.parseInt(r.getParams().getParam("context"))));
        out.printf(Locale.ROOT, "attention, one decode step: %d rows, %d layers, %d query heads over %d KV heads of %d%n",
                AttentionBench.ROWS, AttentionBench.LAYERS, AttentionBench.HEADS, AttentionBench.KV_HEADS, AttentionBench.HEAD_DIM);
        out.printf(Locale.ROOT, "%-5s %8s %10s %8s %7s%n", "KV", "context", "ms/step", "GB/s", "%read");
        for (RunResult r : att) {
            WeightMatrix.Storage st = WeightMatrix.Storage.valueOf(r.getParams().getParam("storage"));
            int context = Integer.parseInt(r.getParams().getParam("context"));
            double us = r.getPrimaryResult().getScore();
            double gbps = AttentionBench.kvBytes(context, st) / us / 1e3;
            out.printf(Locale.ROOT, "%-5s %8d %10.2f %8.1f %6.0f%%%n", st.name().toLowerCase(Locale.ROOT), context, us / 1e3, gbps,
                    100 * gbps / readGBps);
        }
    }
}
