package dev.zonos4j.cli;

import dev.zonos4j.audio.WavFile;
import dev.zonos4j.model.dac.CodesFile;
import dev.zonos4j.model.dac.DacModel;
import dev.zonos4j.tensor.Parallel;
import dev.zonos4j.util.InvalidInputException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zonos encode}: a WAV file to DAC codes. */
@Command(name = "encode", mixinStandardHelpOptions = true,
        description = "Encode a WAV file at the codec's rate (44.1 kHz) to DAC codes [1,9,T] (.safetensors or .npy).")
final class EncodeCommand implements Callable<Integer> {

    @Option(names = "--codec", required = true, description = "Codec folder: config.json + model.safetensors (descript/dac_44khz layout).")
    Path codec;

    @Parameters(index = "0", paramLabel = "AUDIO", description = "Input WAV file (PCM or float; channels are averaged).")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, description = "Output codes file (.safetensors, or .npy).")
    Path output;

    @Option(names = "--threads", description = "Compute threads (default: all cores).")
    Integer threads;

    @Override
    public Integer call() {
        if (threads != null) {
            Parallel.setThreads(threads);
        }
        WavFile.Clip clip = WavFile.read(input);
        DacModel model = DacModel.load(codec);
        if (clip.sampleRate() != model.sampleRate()) {
            throw new InvalidInputException(input + " is " + clip.sampleRate() + " Hz; the codec needs " + model.sampleRate()
                    + " Hz and `encode` does not resample yet: convert it first (e.g. sox " + input + " -r "
                    + model.sampleRate() + " out.wav)");
        }
        if (clip.samples().length == 0) {
            throw new InvalidInputException(input + " holds no samples");
        }
        long t0 = System.nanoTime();
        int[][] codes = model.encode(clip.samples());
        double secs = (System.nanoTime() - t0) / 1e9;
        CodesFile.write(output, codes, model.sampleRate(), model.hopLength());
        System.err.printf(Locale.ROOT, "encoded %.2f s of audio to %d frames x %d codebooks in %.2f s -> %s%n",
                clip.seconds(), codes[0].length, codes.length, secs, output);
        return 0;
    }
}
