package dev.zonos4j.cli;

import dev.zonos4j.audio.join.JoinConfig;
import dev.zonos4j.cli.report.BenchChart;
import dev.zonos4j.cli.report.OutputFile;
import dev.zonos4j.cli.report.RunChart;
import dev.zonos4j.engine.AudioSink;
import dev.zonos4j.engine.DacCodec;
import dev.zonos4j.engine.SampleText;
import dev.zonos4j.engine.SpeechEngine;
import dev.zonos4j.engine.SpeechListener;
import dev.zonos4j.engine.SpeechOptions;
import dev.zonos4j.engine.SpeechResult;
import dev.zonos4j.model.dac.DacModel;
import dev.zonos4j.model.zonos.ZonosModel;
import dev.zonos4j.tensor.Kernels;
import dev.zonos4j.tensor.Parallel;
import dev.zonos4j.tensor.WeightMatrix;
import dev.zonos4j.text.TextFrontEnd;
import dev.zonos4j.util.InvalidInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zonos bench longform}: the whole pipeline (segmenting, conditioning, scheduler, codec, joins) on
 * generated texts of one or more lengths, in standard mode and efficient mode one after the other in the same
 * process (models loaded once), with the speedup; {@code --chart} draws speedup and RTF against text length.
 */
@Command(name = "longform", mixinStandardHelpOptions = true,
        description = "Long-form speed: standard (one segment at a time) vs efficient (batched) on the same text.")
final class BenchLongformCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Zonos model folder (e.g. from zonos debug random-model).")
    Path model;

    @Option(names = "--codec", required = true, description = "DAC codec folder (e.g. from zonos debug random-codec).")
    Path codec;

    @Option(names = "--text-chars", defaultValue = "2000", description = "Length of the generated text (default: ${DEFAULT-VALUE}).")
    int textChars;

    @Option(names = "--lengths", paramLabel = "N,N,...",
            description = "Several text lengths in characters, e.g. 100,500,1000,2000 (instead of --text-chars).")
    String lengths;

    @Option(names = "--chart", paramLabel = "FILE.png", description = "Draw speedup and real-time factor against text length.")
    Path chart;

    @Option(names = "--mode", defaultValue = "both", description = "standard, efficient or both (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--max-frames", defaultValue = "0", description = "Frame cap per segment (0: from its phonemes).")
    int maxFrames;

    @Option(names = "--max-batch", defaultValue = "8", description = "Segments per step in efficient mode (default: ${DEFAULT-VALUE}).")
    int maxBatch;

    @Option(names = "--precision", defaultValue = "bf16", description = "bf16 or f32 (default: ${DEFAULT-VALUE}).")
    String precision;

    @Option(names = "--threads", defaultValue = "0", description = "Compute threads (default: all cores).")
    int threads;

    @picocli.CommandLine.Mixin
    BackendOption backend = new BackendOption();

    @Option(names = "--seed", defaultValue = "0", description = "Text and sampling seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        if (textChars < 1) {
            throw new InvalidInputException("--text-chars must be >= 1");
        }
        List<Integer> textLengths = lengths == null ? List.of(textChars) : parseLengths(lengths);
        List<SpeechOptions.Mode> modes = switch (mode.toLowerCase(Locale.ROOT)) {
            case "standard" -> List.of(SpeechOptions.Mode.STANDARD);
            case "efficient" -> List.of(SpeechOptions.Mode.EFFICIENT);
            case "both" -> List.of(SpeechOptions.Mode.STANDARD, SpeechOptions.Mode.EFFICIENT);
            default -> throw new InvalidInputException("--mode must be standard, efficient or both");
        };
        if (chart != null) {
            if (modes.size() != 2) {
                throw new InvalidInputException("--chart draws the speedup of efficient over standard: it needs --mode both");
            }
            OutputFile.checkFolder(chart);
        }
        if (threads > 0) {
            Parallel.setThreads(threads);
        }
        WeightMatrix.Storage storage = "f32".equalsIgnoreCase(precision) ? WeightMatrix.Storage.F32 : WeightMatrix.Storage.BF16;
        Kernels kernels = backend.apply();
        System.out.println("backend: " + kernels.describe());
        ZonosModel lm = ZonosModel.load(model, storage, 8L << 30, kernels);
        DacModel dac = DacModel.load(codec);
        SpeechEngine engine = new SpeechEngine(lm, new DacCodec(dac), TextFrontEnd.shared(), JoinConfig.defaults(dac.sampleRate()),
                TextFrontEnd.DEFAULT_BUDGET);
        System.out.printf(Locale.ROOT, "model %s (%s, %d threads); codec %s%n", model, storage, Parallel.threads(), codec);
        // Untimed warm-up, so neither mode pays for JIT compilation.
        engine.speak(SampleText.of(300, seed + 1), null, SpeechOptions.builder().mode(SpeechOptions.Mode.EFFICIENT)
                .maxBatch(2).maxFramesPerSegment(Math.min(maxFrames > 0 ? maxFrames : 20, 20)).retries(0).build(),
                new Discard(), SpeechListener.NONE);
        List<LongformTable.Row> rows = new ArrayList<>();
        for (int chars : textLengths) {
            String text = SampleText.of(chars, seed);
            System.out.printf(Locale.ROOT, "text: %d characters%n", text.length());
            boolean peakFromHere = PeakMemory.reset();
            SpeechResult standard = null;
            SpeechResult efficient = null;
            for (SpeechOptions.Mode m : modes) {
                SpeechOptions o = SpeechOptions.builder().mode(m).maxBatch(maxBatch).seed(seed).maxFramesPerSegment(maxFrames)
                        .retries(0).build();
                SpeechResult r = engine.speak(text, null, o, new Discard(), SpeechListener.NONE);
                System.out.printf(Locale.ROOT, "%-9s %3d segments  %6d frames  wall %8.1f s  %7.2f frames/s  audio %7.1f s"
                                + "  RTF %6.2f  batch %2d  first audio %.1f s%n", r.mode(), r.segments(), r.frames(),
                        r.wallSeconds(), r.framesPerSecond(), r.audioSeconds(), r.rtf(), r.batchSize(), r.firstAudioSeconds());
                if (m == SpeechOptions.Mode.STANDARD) {
                    standard = r;
                } else {
                    efficient = r;
                }
            }
            if (standard != null && efficient != null) {
                System.out.printf(Locale.ROOT, "speedup efficient/standard: %.2fx (wall time ratio, same text, same process)%n",
                        standard.wallSeconds() / efficient.wallSeconds());
            }
            rows.add(new LongformTable.Row(text.length(), standard, efficient,
                    peakFromHere ? PeakMemory.bytes() : OptionalLong.empty()));
        }
        System.out.println();
        System.out.print(LongformTable.format(rows));
        if (chart != null) {
            System.setProperty("java.awt.headless", "true");
            OutputFile.write(chart, RunChart.png(BenchChart.of(LongformTable.points(rows),
                    String.format(Locale.ROOT, "model %s · %s · %s · max batch %d · seed %d", model.getFileName(), storage,
                            maxFrames > 0 ? "frame cap " + maxFrames : "frame caps from phonemes", maxBatch, seed)), 1000, 700));
            System.out.println("wrote " + chart);
        }
        return 0;
    }

    /** {@code --lengths}: whole numbers of characters, each at least 1, separated by commas. */
    static List<Integer> parseLengths(String list) {
        if (list.isBlank()) {
            throw new InvalidInputException("--lengths is empty: give text lengths in characters, e.g. --lengths 100,500,1000");
        }
        List<Integer> out = new ArrayList<>();
        for (String part : list.split(",", -1)) {
            String p = part.strip();
            int n;
            try {
                n = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new InvalidInputException("--lengths: '" + p + "' is not a whole number of characters (in '" + list + "')");
            }
            if (n < 1) {
                throw new InvalidInputException("--lengths: " + n + " is not a text length; each must be at least 1 character");
            }
            out.add(n);
        }
        return List.copyOf(out);
    }

    /** The benchmark times making audio, not writing it. */
    private static final class Discard implements AudioSink {
        public void open(int rate) {
        }

        public void write(float[] s, int off, int len) {
        }

        public void close() {
        }

        public void abort() {
        }
    }
}
