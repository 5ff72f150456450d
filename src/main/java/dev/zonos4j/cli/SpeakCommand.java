package dev.zonos4j.cli;

import dev.zonos4j.ZonosTts;
import dev.zonos4j.audio.WavWriter;
import dev.zonos4j.audio.encode.OutputFormat;
import dev.zonos4j.engine.AudioSink;
import dev.zonos4j.engine.EncodedFileSink;
import dev.zonos4j.engine.EncodedStreamSink;
import dev.zonos4j.engine.SpeechListener;
import dev.zonos4j.engine.SpeechOptions;
import dev.zonos4j.engine.SpeechResult;
import dev.zonos4j.engine.WavFileSink;
import dev.zonos4j.engine.voice.Voice;
import dev.zonos4j.model.zonos.SamplingParams;
import dev.zonos4j.tensor.WeightMatrix;
import dev.zonos4j.text.Language;
import dev.zonos4j.text.TextFrontEnd;
import dev.zonos4j.util.InvalidInputException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zonos speak}: text (or a text file) to speech in a voice, streamed to an audio file (WAV, FLAC, MP3, Opus) or stdout. */
@Command(name = "speak", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Speak a text (or a whole file) in a voice. Long texts are split into segments and generated in"
                + " batches; audio streams to the output as it is made.")
final class SpeakCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "TEXT", description = "The text to speak (or use -f).")
    String text;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read the text from a UTF-8 file.")
    Path file;

    @Option(names = "--voice", paramLabel = "CLIP|NAME", description = "A reference clip (wav, flac, mp3, ogg) or a saved"
            + " voice name (zonos voice add). Without it, the model's neutral voice speaks.")
    String voice;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write an audio file (appears when complete);"
            + " the extension picks the format: .wav, .flac, .mp3, .opus or .ogg (Opus), .pcm.")
    Path output;

    @Option(names = "--stdout", description = "Stream the audio to stdout (raw 16-bit little-endian mono PCM at 44.1 kHz"
            + " unless --format says otherwise).")
    boolean stdout;

    @Option(names = "--format", paramLabel = "wav|flac|mp3|opus|pcm", description = "Output format, overriding the file extension.")
    String format;

    @Option(names = "--wav-encoding", defaultValue = "pcm16", description = "WAV sample format: pcm16 or float32 (default: ${DEFAULT-VALUE}).")
    String wavEncoding;

    @Option(names = "--lang", defaultValue = "en-us", description = "Language code (default: ${DEFAULT-VALUE}).")
    String language;

    @Option(names = "--emotion", paramLabel = "W,W,W,W,W,W,W,W", split = ",",
            description = "8 weights: happiness, sadness, disgust, fear, surprise, anger, other, neutral.")
    float[] emotion;

    @Option(names = "--rate", description = "Speaking rate, phonemes per second, 0..40 (default: 15).")
    Float rate;

    @Option(names = "--pitch-std", description = "Pitch variation, 0..400 (default: 20).")
    Float pitchStd;

    @Option(names = "--fmax", description = "Maximum frequency in Hz, 0..24000 (default: 22050).")
    Float fmax;

    @Option(names = "--cfg", description = "Guidance scale >= 1; 1 runs without guidance, about twice as fast (default: 2).")
    Float cfg;

    @Option(names = "--seed", description = "Random seed (default: 0); the same seed gives the same audio in every mode.")
    Long seed;

    @Option(names = "--temperature", description = "Sampling temperature, 0 = greedy (default: 1).")
    Float temperature;

    @Option(names = "--min-p", description = "Min-p filter, 0 = off (default: 0.1).")
    Float minP;

    @Option(names = "--top-p", description = "Top-p filter, 0 = off (default: 0).")
    Float topP;

    @Option(names = "--top-k", description = "Top-k filter, 0 = off (default: 0).")
    Integer topK;

    @Option(names = "--repetition-penalty", description = "Repetition penalty, 1 = off (default: 3).")
    Float repetitionPenalty;

    @Option(names = "--mode", defaultValue = "auto", description = "auto, standard (one segment at a time) or efficient"
            + " (batched) (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--max-batch", description = "Segments generated together in efficient mode (default: 8).")
    Integer maxBatch;

    @Option(names = "--memory-budget", paramLabel = "SIZE", description = "KV cache budget, e.g. 6G or 512M (default: 4G); it sets how many segments run at once.")
    String memoryBudget;

    @Option(names = "--chain-prefix", paramLabel = "SECONDS", description = "Continue each segment from the last SECONDS"
            + " of the previous one (sequential; off by default).")
    Float chainPrefix;

    @Option(names = "--max-frames", description = "Cap on codec frames per segment (86 frames = 1 s).")
    Integer maxFrames;

    @Option(names = "--retries", description = "Re-runs of a segment that never ends or ends far too early (default: 1).")
    Integer retries;

    @Option(names = "--precision", defaultValue = "bf16", description = "Compute copy of the weights: bf16 (as shipped) or f32.")
    String precision;

    @Option(names = "--threads", defaultValue = "0", description = "Compute threads (default: all cores).")
    int threads;

    @Mixin
    BackendOption backend = new BackendOption();

    @Option(names = "--model", paramLabel = "DIR|REPO", description = "Zonos model folder or Hugging Face repo: the transformer (default: Zyphra/Zonos-v0.1-transformer) or the hybrid (Zyphra/Zonos-v0.1-hybrid).")
    String model;

    @Option(names = "--codec", paramLabel = "DIR|REPO", description = "DAC codec folder or repo (default: descript/dac_44khz).")
    String codec;

    @Option(names = "--speaker-model", paramLabel = "DIR|REPO", description = "Speaker encoder folder or repo (default: Zyphra/Zonos-v0.1-speaker-embedding).")
    String speakerModel;

    @Option(names = "--voice-store", paramLabel = "PATH", description = "Voice store file (default: in the user's data directory).")
    Path voiceStore;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the run report as JSON: each segment's quality"
            + " measures and verdict (speaking rate, speech ratio, longest silence, loudness, clipping, loudness step"
            + " after the join, voice similarity), each join, seeds, retries, thresholds, settings and timings.")
    Path report;

    @Mixin
    RunQualityOptions quality = new RunQualityOptions();

    @Mixin
    HybridConditionOptions hybrid = new HybridConditionOptions();

    @Option(names = "--quiet", description = "No progress bar and no summary.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        String input = readText();
        SpeechOptions options = options();
        WavWriter.Encoding encoding = encoding();
        if ((output == null) == !stdout) {
            throw new InvalidInputException("give either -o FILE (.wav, .flac, .mp3, .opus) or --stdout");
        }
        OutputFormat outputFormat = outputFormat();
        if (output != null && output.toAbsolutePath().getParent() != null && !Files.isDirectory(output.toAbsolutePath().getParent())) {
            throw new InvalidInputException("cannot write " + output + ": folder " + output.toAbsolutePath().getParent() + " does not exist");
        }
        if (report != null) {
            RunReport.checkWritable(report);
        }
        // Checked before any model loads, so bad text fails at once.
        TextFrontEnd.shared().segment(input, Language.of(options.language()));
        if (voice != null && !Files.isRegularFile(Path.of(voice)) && looksLikePath(voice)) {
            throw new InvalidInputException("voice clip " + voice + " not found (give an audio file or a saved voice name)");
        }
        String kernels = backend.apply().describe();
        if (!quiet) {
            System.err.println("zonos: backend " + kernels);
        }
        ZonosTts.Config defaults = ZonosTts.Config.defaults();
        ZonosTts.Config config = new ZonosTts.Config(model, codec, speakerModel, storage(), threads,
                options.memoryBudgetBytes(), voiceStore, defaults.voiceCacheSize(), defaults.hub().withProgress(!quiet),
                defaults.join(), defaults.segmentBudget());
        PrintStream err = System.err;
        try (ZonosTts tts = ZonosTts.open(config)) {
            long before = tts.voices().embeddingsComputed();
            Voice v = voice == null ? null : tts.voiceFromClipOrName(voice);
            String voiceNote = voice == null ? "neutral (no voice given)"
                    : tts.voices().embeddingsComputed() > before ? "embedded (cache miss)" : "cached (cache hit)";
            if (v != null && !v.quality().reasons().isEmpty()) {
                err.println("zonos: warning: voice " + voice + ": " + String.join("; ", v.quality().reasons()));
            }
            AudioSink sink = stdout ? new EncodedStreamSink(outputFormat, System.out)
                    : outputFormat == OutputFormat.WAV ? new WavFileSink(output, encoding)
                    : new EncodedFileSink(output, outputFormat);
            SpeechResult r;
            try (SpeakProgress progress = new SpeakProgress(err, 44_100 / 512.0)) {
                r = tts.generateSpeech(input, v, options, sink, quiet ? SpeechListener.NONE : progress);
                if (report != null) {
                    RunReport.write(report, r.report().withOutput(output == null ? null : output.toString()));
                }
            }
            if (!quiet) {
                summary(err, r, voiceNote);
                if (report != null || options.quality().retries() > 0) {
                    RunReport.summary(err, r.report(), report);
                }
            }
        }
        return 0;
    }

    private static boolean looksLikePath(String s) {
        return s.contains("/") || s.contains("\\") || s.matches(".*\\.(wav|flac|mp3|ogg|oga)$");
    }

    private void summary(PrintStream err, SpeechResult r, String voiceNote) {
        err.printf(Locale.ROOT, "%s: %d characters, %d segments, %.1f s of audio in %.1f s (RTF %.2f, %.1f frames/s), "
                        + "mode %s (batch up to %d), peak KV %.1f MiB, first audio after %.1f s, voice %s%n",
                output != null ? output : "stdout", r.characters(), r.segments(), r.audioSeconds(), r.wallSeconds(), r.rtf(),
                r.framesPerSecond(), r.mode(), r.batchSize(), r.peakKvBytes() / 1048576.0, r.firstAudioSeconds(), voiceNote);
        for (String w : r.warnings()) {
            err.println("zonos: warning: " + w);
        }
    }

    private String readText() throws IOException {
        if ((text == null) == (file == null)) {
            throw new InvalidInputException("give the text as an argument or with -f FILE (not both)");
        }
        if (file == null) {
            if (text.isBlank()) {
                throw new InvalidInputException("the text is empty: give some words to speak");
            }
            return text;
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("text file " + file + " not found");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private WavWriter.Encoding encoding() {
        try {
            return WavWriter.Encoding.parse(wavEncoding);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--wav-encoding: " + e.getMessage());
        }
    }

    /** --format, else the output file's extension, else WAV for a file and raw PCM for stdout. */
    private OutputFormat outputFormat() {
        if (format != null) {
            return OutputFormat.parse(format, "--format");
        }
        if (stdout) {
            return OutputFormat.PCM;
        }
        OutputFormat byName = OutputFormat.ofFile(output);
        return byName != null ? byName : OutputFormat.WAV;
    }

    private WeightMatrix.Storage storage() {
        return switch (precision.toLowerCase(Locale.ROOT)) {
            case "bf16" -> WeightMatrix.Storage.BF16;
            case "f32" -> WeightMatrix.Storage.F32;
            default -> throw new InvalidInputException("--precision must be bf16 or f32, got '" + precision + "'");
        };
    }

    SpeechOptions options() {
        SpeechOptions d = SpeechOptions.defaults();
        SamplingParams s = d.sampling();
        SamplingParams sampling = new SamplingParams(
                temperature != null ? temperature : s.temperature(), topP != null ? topP : s.topP(),
                topK != null ? topK : s.topK(), minP != null ? minP : s.minP(), s.linear(), s.conf(), s.quad(),
                repetitionPenalty != null ? repetitionPenalty : s.repetitionPenalty(), s.repetitionPenaltyWindow());
        SpeechOptions.Builder b = d.toBuilder().language(language).sampling(sampling).mode(parseMode(mode))
                .hybrid(hybrid.conditions()).quality(quality.settings(report != null));
        if (emotion != null) {
            b.emotion(emotion);
        }
        if (rate != null) {
            b.speakingRate(rate);
        }
        if (pitchStd != null) {
            b.pitchStd(pitchStd);
        }
        if (fmax != null) {
            b.fmax(fmax);
        }
        if (cfg != null) {
            b.cfgScale(cfg);
        }
        if (seed != null) {
            b.seed(seed);
        }
        if (maxBatch != null) {
            b.maxBatch(maxBatch);
        }
        if (memoryBudget != null) {
            b.memoryBudgetBytes(parseSize(memoryBudget));
        }
        if (chainPrefix != null) {
            b.chainPrefixSeconds(chainPrefix);
        }
        if (maxFrames != null) {
            b.maxFramesPerSegment(maxFrames);
        }
        if (retries != null) {
            b.retries(retries);
        }
        return b.build();
    }

    private static SpeechOptions.Mode parseMode(String m) {
        return switch (m.toLowerCase(Locale.ROOT)) {
            case "auto" -> SpeechOptions.Mode.AUTO;
            case "standard" -> SpeechOptions.Mode.STANDARD;
            case "efficient" -> SpeechOptions.Mode.EFFICIENT;
            default -> throw new InvalidInputException("--mode must be auto, standard or efficient, got '" + m + "'");
        };
    }

    /** Sizes like 512M, 2G, 1.5GiB, 1048576. */
    static long parseSize(String s) {
        String t = s.trim().toUpperCase(Locale.ROOT).replace("IB", "").replace("B", "");
        long unit = 1;
        if (!t.isEmpty() && "KMGT".indexOf(t.charAt(t.length() - 1)) >= 0) {
            unit = 1L << (10 * ("KMGT".indexOf(t.charAt(t.length() - 1)) + 1));
            t = t.substring(0, t.length() - 1);
        }
        try {
            double v = Double.parseDouble(t);
            if (!(v > 0)) {
                throw new NumberFormatException();
            }
            return (long) (v * unit);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("--memory-budget: '" + s + "' is not a size like 512M or 2G");
        }
    }
}
