package dev.zonos4j.cli;

import dev.zonos4j.model.dac.DacConfig;
import dev.zonos4j.model.dac.DacModel;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zonos debug random-codec}: a DAC codec folder with random weights in the published layout. */
@Command(name = "random-codec", mixinStandardHelpOptions = true,
        description = "Write config.json + model.safetensors of a DAC codec with seeded random weights "
                + "(descript/dac_44khz sizes unless --config is given), in the transformers layout.")
final class RandomCodecCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, description = "Folder to write (created if missing).")
    Path out;

    @Option(names = "--config", description = "A DAC config.json whose sizes to use (default: the real 44.1 kHz model).")
    Path config;

    @Option(names = "--seed", defaultValue = "1234", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        DacConfig c = config != null ? DacConfig.load(config) : DacConfig.dac44khz();
        DacModel.writeRandom(c, seed, out);
        System.err.println("wrote " + out.resolve("config.json") + " and " + out.resolve("model.safetensors") + " (" + c + ")");
        return 0;
    }
}
