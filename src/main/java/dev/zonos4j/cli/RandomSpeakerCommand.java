package dev.zonos4j.cli;

import dev.zonos4j.model.speaker.RandomSpeakerWeights;
import dev.zonos4j.model.speaker.ResNetConfig;
import dev.zonos4j.model.speaker.SpeakerEncoder;
import dev.zonos4j.util.InvalidInputException;
import dev.zonos4j.weights.Tensor;
import dev.zonos4j.weights.TorchCheckpointWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zonos debug random-speaker}: writes random speaker-encoder checkpoints in the published file layout. */
@Command(name = "random-speaker", mixinStandardHelpOptions = true,
        description = "Write random-weight " + SpeakerEncoder.RESNET_FILE + " and " + SpeakerEncoder.LDA_FILE
                + " (torch.save layout, real key names) to a folder.")
final class RandomSpeakerCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, description = "Folder to write the two .pt files to (created if missing).")
    Path out;

    @Option(names = "--in-planes", defaultValue = "64", description = "Stem width (64 is the published model, 396 MB).")
    int inPlanes;

    @Option(names = "--seed", defaultValue = "1234", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        if (inPlanes < 1) {
            throw new InvalidInputException("--in-planes must be positive, got " + inPlanes);
        }
        Files.createDirectories(out);
        List<Map<String, Tensor>> dicts = RandomSpeakerWeights.stateDicts(ResNetConfig.resnet293(inPlanes), 128, seed);
        TorchCheckpointWriter.write(out.resolve(SpeakerEncoder.RESNET_FILE), dicts.get(0));
        TorchCheckpointWriter.write(out.resolve(SpeakerEncoder.LDA_FILE), dicts.get(1));
        System.out.printf("wrote %s (%d tensors, %d bytes) and %s%n", out.resolve(SpeakerEncoder.RESNET_FILE), dicts.get(0).size(),
                Files.size(out.resolve(SpeakerEncoder.RESNET_FILE)), out.resolve(SpeakerEncoder.LDA_FILE));
        return 0;
    }
}
