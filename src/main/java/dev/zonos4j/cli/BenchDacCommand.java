package dev.zonos4j.cli;

import dev.zonos4j.model.dac.DacConfig;
import dev.zonos4j.model.dac.DacModel;
import dev.zonos4j.tensor.ConvPrecision;
import dev.zonos4j.tensor.CpuClock;
import dev.zonos4j.tensor.FmaPeak;
import dev.zonos4j.tensor.Parallel;
import dev.zonos4j.audio.SignalToError;
import dev.zonos4j.tensor.onednn.OneDnn;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zonos bench dac}: decoder speed at the real size (random weights unless {@code --codec} is given), as
 * seconds of compute per second of audio and as a fraction of the FMA peak measured in the same run.
 */
@Command(name = "dac", mixinStandardHelpOptions = true,
        description = "DAC decoder speed: compute seconds per audio second and fraction of the measured FMA peak.")
final class BenchDacCommand implements Callable<Integer> {

    @Option(names = "--codec", description = "Codec folder to time (default: random weights at the descript/dac_44khz size).")
    Path codec;

    @Option(names = "--seconds", defaultValue = "10", description = "Audio seconds decoded per run (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--runs", defaultValue = "3", description = "Timed runs after one warm-up (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--chunk", defaultValue = "" + DacModel.DEFAULT_CHUNK_FRAMES, description = "Frames per chunk (default: ${DEFAULT-VALUE}).")
    int chunk;

    @Option(names = "--threads", description = "Compute threads (default: all cores).")
    Integer threads;

    @Option(names = "--profile", description = "Print time and GFLOP/s per decoder layer type for the last run.")
    boolean profile;

    @Option(names = "--precision", defaultValue = "f32", paramLabel = "f32|bf16",
            description = "Convolution arithmetic: f32 (exact, default) or bf16 (oneDNN; also prints its signal-to-error"
                    + " ratio against f32 on the same codes).")
    String precision;

    @Override
    public Integer call() {
        if (threads != null) {
            Parallel.setThreads(threads);
        }
        ConvPrecision p = ConvPrecision.parse(precision, "--precision");
        long t0 = System.nanoTime();
        DacModel model = load(p);
        System.out.printf(Locale.ROOT, "model: %s (%s), loaded in %.1f s; %d threads, chunk %d frames; %s convolutions%s%n",
                codec != null ? codec : "random weights", model.config(), (System.nanoTime() - t0) / 1e9,
                Parallel.threads(), chunk, p.name().toLowerCase(Locale.ROOT),
                p == ConvPrecision.BF16 ? " through " + OneDnn.get().libraryInfo() + ", " + OneDnn.get().isa() : "");
        int frames = (int) Math.ceil(seconds * model.sampleRate() / model.hopLength());
        double audio = (double) frames * model.hopLength() / model.sampleRate();
        int[][] codes = new int[model.codebooks()][frames];
        SplittableRandom rnd = new SplittableRandom(7);
        for (int[] row : codes) {
            Arrays.setAll(row, i -> rnd.nextInt(model.config().codebookSize()));
        }
        double perSecond = 2.0 * model.decoderMacs(frames) / audio / 1e9;
        System.out.printf(Locale.ROOT, "decoder work: %.1f GFLOP per audio second (one window; chunk context adds a little)%n",
                perSecond);
        int n = Parallel.threads();
        FmaPeak.Rate peak = FmaPeak.measure(3, 300);
        System.out.printf(Locale.ROOT, "measured FMA peak (%d threads): %.1f GFLOP/s by wall time, %.1f by CPU time%n",
                n, peak.wall(), peak.cpu());
        System.out.println("times: wall, and CPU time / threads (what the threads take when not sharing the cores)");
        DacModel.StageTimes last = null;
        double bestWall = Double.MAX_VALUE;
        double bestCpu = Double.MAX_VALUE;
        for (int r = 0; r <= runs; r++) {
            long c0 = CpuClock.processNanos();
            long s0 = System.nanoTime();
            DacModel.StageTimes st = profile ? model.decodeProfiled(codes, chunk) : null;
            if (!profile) {
                decodeDiscarding(model, codes);
            }
            double s = (System.nanoTime() - s0) / 1e9;
            double cpu = (CpuClock.processNanos() - c0) / 1e9 / n;
            System.out.printf(Locale.ROOT, "%-7s wall %.3f s/audio-s (%.0f%% of wall peak) | cpu %.3f s/audio-s (%.0f%% of cpu peak)%n",
                    r == 0 ? "warm-up" : "run " + r, s / audio, 100 * perSecond * audio / s / peak.wall(),
                    cpu / audio, 100 * perSecond * audio / cpu / peak.cpu());
            if (r > 0) {
                bestWall = Math.min(bestWall, s);
                bestCpu = Math.min(bestCpu, cpu);
                last = st;
            }
        }
        System.out.printf(Locale.ROOT, "best: wall %.3f s per audio second (%.1f GFLOP/s, %.0f%% of peak); "
                + "cpu/threads %.3f s per audio second (%.1f GFLOP/s, %.0f%% of peak)%n",
                bestWall / audio, perSecond * audio / bestWall, 100 * perSecond * audio / bestWall / peak.wall(),
                bestCpu / audio, perSecond * audio / bestCpu, 100 * perSecond * audio / bestCpu / peak.cpu());
        if (bufferBytes > 0) {
            System.out.printf(Locale.ROOT, "decoder activation buffers: %.1f MiB (chunk %d frames)%n", bufferBytes / 1048576.0, chunk);
        }
        if (last != null) {
            printProfile(last, audio, n);
        }
        if (p != ConvPrecision.F32) {
            float[] exact = load(ConvPrecision.F32).decode(codes);
            System.out.printf(Locale.ROOT, "%s against f32 on these codes: signal-to-error %.1f dB%n",
                    p.name().toLowerCase(Locale.ROOT), SignalToError.db(exact, model.decode(codes)));
        }
        return 0;
    }

    private DacModel load(ConvPrecision p) {
        return codec != null ? DacModel.load(codec, p) : DacModel.random(DacConfig.dac44khz(), 1234, p);
    }

    private void decodeDiscarding(DacModel model, int[][] codes) {
        try (var d = model.streamingDecoder((b, off, len) -> { }, chunk)) {
            d.accept(codes);
            d.finish();
            bufferBytes = d.bufferBytes();
        }
    }

    private long bufferBytes;

    private static void printProfile(DacModel.StageTimes st, double audio, int threads) {
        Map<String, double[]> byType = new LinkedHashMap<>();
        for (int i = 0; i < st.labels().length; i++) {
            double[] acc = byType.computeIfAbsent(st.labels()[i], k -> new double[2]);
            acc[0] += st.nanos()[i] / 1e9 / threads;
            acc[1] += st.macs()[i] * 2 / 1e9;
        }
        System.out.println("per layer type (last run): CPU seconds / threads per audio second, GFLOP/s on that basis");
        double[] total = new double[2];
        byType.forEach((label, v) -> {
            System.out.printf(Locale.ROOT, "  %-24s %7.4f s  %7.1f GFLOP/s%n", label, v[0] / audio, v[0] > 0 ? v[1] / v[0] : 0);
            total[0] += v[0];
            total[1] += v[1];
        });
        System.out.printf(Locale.ROOT, "  %-24s %7.4f s  %7.1f GFLOP/s (work executed, chunk context included)%n",
                "all stages", total[0] / audio, total[1] / total[0]);
    }
}
