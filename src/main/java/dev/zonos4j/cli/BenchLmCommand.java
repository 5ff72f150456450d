package dev.zonos4j.cli;

import dev.zonos4j.model.zonos.Conditioning;
import dev.zonos4j.model.zonos.ConditioningInputs;
import dev.zonos4j.model.zonos.SamplingParams;
import dev.zonos4j.model.zonos.ZonosModel;
import dev.zonos4j.model.zonos.ZonosSequence;
import dev.zonos4j.model.zonos.ZonosConfig;
import dev.zonos4j.tensor.Kernels;
import dev.zonos4j.tensor.Parallel;
import dev.zonos4j.tensor.WeightMatrix;
import dev.zonos4j.tensor.bench.Roofline;
import dev.zonos4j.tensor.onednn.OneDnn;
import dev.zonos4j.tensor.onednn.OneDnnBandwidth;
import dev.zonos4j.util.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zonos bench lm}: prefills B segments of a model and times decode steps over all of them: frames/s,
 * ms per step, and weights streamed per second (bytes the step reads x steps/s) next to measured read bandwidth.
 */
@Command(name = "lm", mixinStandardHelpOptions = true,
        description = "Decode speed of the Zonos LM: frames/s, ms per step and weights GB/s, B segments per step.")
final class BenchLmCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Model folder (config.json + model.safetensors).")
    Path model;

    @Option(names = "--batch", defaultValue = "1", description = "Segments decoded together (2 guidance rows each).")
    int batch;

    @Option(names = "--steps", defaultValue = "20", description = "Timed decode steps.")
    int steps;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed decode steps first.")
    int warmup;

    @Option(names = "--precision", defaultValue = "bf16", description = "Weights: bf16 (as shipped, mapped) or f32 (copy).")
    String precision;

    @Option(names = "--threads", description = "Compute threads (default: all cores).")
    Integer threads;

    @Option(names = "--phonemes", defaultValue = "100", description = "Phoneme ids per segment (sets the prefix length).")
    int phonemes;

    @Option(names = "--no-roofline", description = "Skip measuring the machine's read bandwidth.")
    boolean noRoofline;

    @Option(names = "--context", defaultValue = "0", description = "Audio frames already generated when the timed steps "
            + "start (one segment is prefilled with that many prefix frames, the others are copies of it).")
    int context;

    @picocli.CommandLine.Mixin
    BackendOption backend = new BackendOption();

    @Override
    public Integer call() {
        if (batch < 1 || steps < 1 || warmup < 0 || phonemes < 1 || context < 0) {
            throw new InvalidInputException("--batch, --steps, --phonemes must be >= 1, --warmup and --context >= 0");
        }
        if (threads != null) {
            Parallel.setThreads(threads);
        }
        WeightMatrix.Storage storage = switch (precision.toLowerCase(Locale.ROOT)) {
            case "bf16" -> WeightMatrix.Storage.BF16;
            case "f32" -> WeightMatrix.Storage.F32;
            default -> throw new InvalidInputException("--precision must be bf16 or f32, got " + precision);
        };
        Kernels kernels = backend.apply();
        System.out.println("backend: " + kernels.describe());
        double readGBps = Double.NaN;
        String readHow = "";
        if (!noRoofline) {
            // the native figure when oneDNN loads: a Java read loop understates what the machine streams
            if (OneDnn.available()) {
                readGBps = OneDnnBandwidth.measure(2, Parallel.threads());
                readHow = "native read bandwidth (oneDNN 2-row bf16 matmul over 1 GiB)";
            } else {
                readGBps = Roofline.readGBps(1L << 30, 2);
                readHow = "read bandwidth (Vector API sum over 1 GiB)";
            }
            System.gc();
        }
        int maxNew = warmup + steps + 1;
        long t0 = System.nanoTime();
        ZonosModel m = ZonosModel.load(model, storage, Long.MAX_VALUE, kernels);
        double loadS = (System.nanoTime() - t0) / 1e9;
        var bb = m.config().backbone();
        System.out.println("resident memory after load: " + residentMemory());
        String kinds = bb.hybrid() ? String.format(Locale.ROOT, " (%d attention, %d Mamba2)", bb.attentionLayers(),
                bb.nLayer() - bb.attentionLayers()) : "";
        System.out.printf(Locale.ROOT, "model %s: d_model %d, %d layers%s, %s weights (%.2f GB streamed per step), loaded in %.1f s, %d threads%n",
                model, bb.dModel(), bb.nLayer(), kinds, storage.name().toLowerCase(Locale.ROOT), m.streamedBytesPerStep() / 1e9,
                loadS, Parallel.threads());
        System.out.printf(Locale.ROOT, "decode state per stream: %.1f MB fixed + %.1f KB KV per position%n",
                m.fixedStateBytes() / 1e6, m.kvPool().bytesPerPosition() / 1e3);

        SplittableRandom rnd = new SplittableRandom(42);
        int[] ids = new int[phonemes + 2];
        ids[0] = 2;
        ids[ids.length - 1] = 3;
        for (int j = 1; j <= phonemes; j++) {
            ids[j] = 4 + rnd.nextInt(180);
        }
        float[] speaker = new float[128];
        for (int j = 0; j < speaker.length; j++) {
            speaker[j] = (float) rnd.nextGaussian();
        }
        Conditioning c = m.prepareConditioning(ConditioningInputs.defaults(ids, speaker, 24));
        int[][] prefix = null;
        if (context > 0) {
            prefix = new int[ZonosConfig.CODEBOOKS][context];
            for (int[] row : prefix) {
                for (int j = 0; j < context; j++) {
                    row[j] = rnd.nextInt(1024);
                }
            }
        }
        // The first prefill of a row count also builds oneDNN's primitives for it; the second shows the steady cost.
        ZonosSequence cold = m.newSequence(c, prefix, SamplingParams.greedy(), 2f, 0, maxNew);
        long p0 = System.nanoTime();
        m.prefill(cold);
        double coldS = (System.nanoTime() - p0) / 1e9;
        cold.close();
        ZonosSequence first = m.newSequence(c, prefix, SamplingParams.greedy(), 2f, 0, maxNew);
        p0 = System.nanoTime();
        m.prefill(first);
        double prefillS = (System.nanoTime() - p0) / 1e9;
        int positions = c.length() + context + 1;
        double flops = 2.0 * 2 * positions * m.backboneParameters();
        System.out.printf(Locale.ROOT, "prefill: %d positions x 2 streams in %.2f s = %.0f GFLOP/s (first of this length:"
                + " %.2f s)%n", positions, prefillS, flops / prefillS / 1e9, coldS);
        List<ZonosSequence> seqs = new ArrayList<>();
        seqs.add(first);
        for (int i = 1; i < batch; i++) {
            seqs.add(m.fork(first, i));
        }

        for (int i = 0; i < warmup; i++) {
            m.decodeStep(active(seqs));
        }
        double[] ms = new double[steps];
        long frames = 0;
        for (int i = 0; i < steps; i++) {
            List<ZonosSequence> act = active(seqs);
            long s0 = System.nanoTime();
            m.decodeStep(act);
            ms[i] = (System.nanoTime() - s0) / 1e6;
            frames += act.size();
        }
        double total = Arrays.stream(ms).sum();
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double mean = total / steps;
        double gbps = m.streamedBytesPerStep() / (mean / 1e3) / 1e9;
        System.out.printf(Locale.ROOT, "decode: batch %d (%d rows) at position %d, %d steps: %.1f ms/step (median %.1f, min %.1f), %.2f frames/s%n",
                batch, 2 * batch, positions + warmup, steps, mean, sorted[steps / 2], sorted[0], frames / (total / 1e3));
        System.out.printf(Locale.ROOT, "weights streamed: %.1f GB/s%s%n", gbps,
                Double.isNaN(readGBps) ? "" : String.format(Locale.ROOT, " = %.0f%% of measured %s %.1f GB/s", 100 * gbps / readGBps, readHow, readGBps));
        for (ZonosSequence s : seqs) {
            s.close();
        }
        return 0;
    }

    private static List<ZonosSequence> active(List<ZonosSequence> seqs) {
        return seqs.stream().filter(s -> !s.finished()).toList();
    }

    /** VmRSS of this process (Linux), or a word saying it is unknown here. */
    private static String residentMemory() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.2f GB", kb / 1e6);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return "unknown";
    }
}
