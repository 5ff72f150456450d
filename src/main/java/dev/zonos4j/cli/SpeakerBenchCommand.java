package dev.zonos4j.cli;

import dev.zonos4j.model.speaker.RandomSpeakerWeights;
import dev.zonos4j.model.speaker.ResNetConfig;
import dev.zonos4j.model.speaker.SpeakerEmbedding;
import dev.zonos4j.model.speaker.SpeakerEncoder;
import dev.zonos4j.tensor.Parallel;
import dev.zonos4j.util.InvalidInputException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zonos bench speaker}: embeds a synthetic clip with a random-weight speaker encoder of the real size
 * (ResNet293, in_planes 64) and reports the time per stage, the real-time factor and the convolution FLOP rate.
 */
@Command(name = "speaker", mixinStandardHelpOptions = true,
        description = "Time the speaker encoder (random weights, real ResNet293 size) on a synthetic clip.")
final class SpeakerBenchCommand implements Callable<Integer> {

    @Option(names = "--seconds", defaultValue = "10", description = "Clip length in seconds (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--rate", defaultValue = "44100", description = "Clip sample rate in Hz (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--repeat", defaultValue = "3", description = "Timed runs after one warm-up (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--in-planes", defaultValue = "64", description = "Stem width (64 is the published model).")
    int inPlanes;

    @Option(names = "--threads", description = "Compute threads (default: all cores).")
    Integer threads;

    @Option(names = "--model", description = "Load the two .pt files from this folder (e.g. written by `debug random-speaker`) "
            + "instead of building random weights in memory.")
    Path model;

    @Override
    public Integer call() {
        if (seconds <= 0 || rate <= 0 || repeat < 1 || inPlanes < 1) {
            throw new InvalidInputException("--seconds, --rate, --repeat and --in-planes must be positive");
        }
        if (threads != null) {
            Parallel.setThreads(threads);
        }
        long t0 = System.nanoTime();
        SpeakerEncoder encoder = model != null ? SpeakerEncoder.load(model)
                : RandomSpeakerWeights.encoder(ResNetConfig.resnet293(inPlanes), 128, 1234);
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        float[] clip = syntheticClip((int) Math.round(seconds * rate), rate);
        System.out.printf(Locale.ROOT, "speaker encoder: ResNet293 in_planes %d (%s in %.2f s), %d threads%n",
                encoder.config().inPlanes(), model != null ? "loaded from " + model : "random weights built", loadSeconds,
                Parallel.threads());
        System.out.printf(Locale.ROOT, "clip: %.2f s at %d Hz mono%n", seconds, rate);

        double[] resample = new double[repeat];
        double[] features = new double[repeat];
        double[] network = new double[repeat];
        double[] total = new double[repeat];
        double[] cpu = new double[repeat];
        float[] mono16k = encoder.toMono16k(new float[][] {clip}, rate);
        long flops = encoder.convolutionFlops(mono16k.length);
        long cold = System.nanoTime();
        long coldCpu = processCpuNanos();
        SpeakerEmbedding check = encoder.embed(new float[][] {clip}, rate);
        double coldSeconds = (System.nanoTime() - cold) / 1e9;
        double coldCpuSeconds = (processCpuNanos() - coldCpu) / 1e9;
        for (int r = 0; r < repeat; r++) {
            long cpu0 = processCpuNanos();
            long a = System.nanoTime();
            float[] wav = encoder.toMono16k(new float[][] {clip}, rate);
            long b = System.nanoTime();
            float[] fbank = encoder.features(wav);
            long c = System.nanoTime();
            float[] emb = encoder.embedFeatures(fbank, encoder.frontEnd().frames(wav.length), (n, d, s) -> { });
            encoder.project(emb);
            long d = System.nanoTime();
            resample[r] = (b - a) / 1e9;
            features[r] = (c - b) / 1e9;
            network[r] = (d - c) / 1e9;
            total[r] = (d - a) / 1e9;
            cpu[r] = (processCpuNanos() - cpu0) / 1e9;
        }
        double best = min(total);
        System.out.printf(Locale.ROOT, "resample to 16 kHz: %.3f s   log-mel: %.3f s   network + LDA: %.3f s   (best of %d)%n",
                min(resample), min(features), min(network), repeat);
        System.out.printf(Locale.ROOT, "embed %.1f s clip: best %.3f s, median %.3f s; RTF %.3f; convolutions %.1f GFLOP at %.1f GFLOP/s%n",
                seconds, best, median(total), best / seconds, flops / 1e9, flops / 1e9 / min(network));
        System.out.printf(Locale.ROOT, "first embedding in this JVM (kernels not yet compiled): %.3f s, %.3f s CPU incl. JIT%n",
                coldSeconds, coldCpuSeconds);
        System.out.printf(Locale.ROOT, "process CPU time per embedding: best %.3f s (%.2f cores busy on average; "
                + "wall time above includes any wait for cores other processes hold)%n", min(cpu), min(cpu) / best);
        boolean finite = true;
        for (float v : check.lda()) {
            finite &= Float.isFinite(v);
        }
        System.out.printf(Locale.ROOT, "output finite: %s (lda[0..3] = %s)%n", finite,
                Arrays.toString(Arrays.copyOf(check.lda(), 4)));
        return finite ? 0 : Main.EXIT_ERROR;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** A speech-like test signal: two chirps, a tone and a little noise, fixed seed. */
    static float[] syntheticClip(int n, int rate) {
        SplittableRandom rng = new SplittableRandom(42);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            double t = (double) i / rate;
            double chirp = Math.sin(2 * Math.PI * (100 * t + 150 * t * t)) + 0.5 * Math.sin(2 * Math.PI * (300 * t + 40 * t * t));
            x[i] = (float) (0.3 * chirp + 0.1 * Math.sin(2 * Math.PI * 220 * t) + 0.02 * (rng.nextDouble() * 2 - 1));
        }
        return x;
    }

    private static double min(double[] a) {
        return Arrays.stream(a).min().orElse(Double.NaN);
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
