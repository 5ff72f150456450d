package dev.zonos4j.cli;

import dev.zonos4j.audio.WavWriter;
import dev.zonos4j.model.dac.CodesFile;
import dev.zonos4j.model.dac.DacModel;
import dev.zonos4j.model.dac.StreamingDecoder;
import dev.zonos4j.tensor.Parallel;
import dev.zonos4j.util.InvalidInputException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zonos decode}: DAC codes to a WAV file, streamed chunk by chunk. */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = "Decode DAC codes (.npy or .safetensors, shape [9,T] or [1,9,T]) to a WAV file.")
final class DecodeCommand implements Callable<Integer> {

    @Option(names = "--codec", required = true, description = "Codec folder: config.json + model.safetensors (descript/dac_44khz layout).")
    Path codec;

    @Parameters(index = "0", paramLabel = "CODES", description = "Codes file (.npy int64/int32, or .safetensors with audio_codes).")
    Path codes;

    @Option(names = {"-o", "--output"}, required = true, description = "Output WAV file.")
    Path output;

    @Option(names = "--format", defaultValue = "pcm16", description = "pcm16 or float32 (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--chunk", defaultValue = "128",
            description = "Code frames decoded per chunk: larger is a little faster, smaller uses less memory "
                    + "(default: ${DEFAULT-VALUE}).")
    int chunk;

    @Option(names = "--threads", description = "Compute threads (default: all cores).")
    Integer threads;

    @Override
    public Integer call() {
        WavWriter.Encoding encoding;
        try {
            encoding = WavWriter.Encoding.parse(format);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        if (chunk < 1) {
            throw new InvalidInputException("--chunk must be at least 1, got " + chunk);
        }
        if (threads != null) {
            Parallel.setThreads(threads);
        }
        DacModel model = DacModel.load(codec);
        int[][] c = CodesFile.read(codes, model.codebooks());
        long t0 = System.nanoTime();
        try (WavWriter wav = WavWriter.create(output, model.sampleRate(), encoding);
                StreamingDecoder decoder = model.streamingDecoder(wav::write, chunk)) {
            decoder.accept(c);
            decoder.finish();
            wav.finish();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        double audio = (double) c[0].length * model.hopLength() / model.sampleRate();
        System.err.printf(Locale.ROOT, "decoded %d frames (%.2f s of audio) in %.2f s (%.3f s per audio second) -> %s%n",
                c[0].length, audio, secs, secs / audio, output);
        return 0;
    }
}
