package dev.zonos4j.cli;

import dev.zonos4j.audio.AudioClip;
import dev.zonos4j.audio.AudioReader;
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

/** {@code zonos encode}: an audio file to DAC codes, with Zonos' preprocessing (mono, resample to 44.1 kHz). */
@Command(name = "encode", mixinStandardHelpOptions = true,
        description = "Encode an audio file (WAV, FLAC, MP3, Ogg; channels averaged, resampled to 44.1 kHz as Zonos "
                + "does) to DAC codes [1,9,T] (.safetensors or .npy).")
final class EncodeCommand implements Callable<Integer> {

    @Option(names = "--codec", required = true, description = "Codec folder: config.json + model.safetensors (descript/dac_44khz layout).")
    Path codec;

    @Parameters(index = "0", paramLabel = "AUDIO", description = "Input audio file.")
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
        AudioClip clip = AudioReader.read(input);
        if (clip.frames() == 0) {
            throw new InvalidInputException(input + " holds no samples");
        }
        DacModel model = DacModel.load(codec);
        long t0 = System.nanoTime();
        int[][] codes = model.encode(clip.mono(), clip.sampleRate());
        double secs = (System.nanoTime() - t0) / 1e9;
        CodesFile.write(output, codes, model.sampleRate(), model.hopLength());
        System.err.printf(Locale.ROOT, "encoded %.2f s of audio%s to %d frames x %d codebooks in %.2f s -> %s%n",
                clip.seconds(), clip.sampleRate() == model.sampleRate() ? "" : " (resampled from " + clip.sampleRate() + " Hz)",
                codes[0].length, codes.length, secs, output);
        return 0;
    }
}
