package dev.zonos4j.cli;

import dev.zonos4j.engine.voice.StoredVoice;
import dev.zonos4j.engine.voice.Voices;
import dev.zonos4j.util.InvalidInputException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code zonos voice show NAME}. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a named voice and its clip's quality report.")
final class VoiceShowCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Mixin
    VoiceStoreOption store;

    @Mixin
    QualityOptions quality;

    @Override
    public Integer call() {
        if (!store.exists()) {
            throw new InvalidInputException("unknown voice '" + name + "'; the voice store " + store.path() + " does not exist yet");
        }
        try (Voices voices = Voices.open(store.path(), null, 0, quality.thresholds())) {
            StoredVoice v = voices.describe(name);
            float[] e = v.voice().embedding();
            double norm = 0;
            for (float x : e) {
                norm += x * x;
            }
            System.out.println("voice '" + v.name() + "'");
            System.out.printf(Locale.ROOT, "  %-12s %s%n", "added", v.created());
            System.out.printf(Locale.ROOT, "  %-12s %s%n", "model", v.voice().modelId());
            System.out.printf(Locale.ROOT, "  %-12s %d values, L2 norm %.4f, first %.4f %.4f %.4f %.4f%n", "embedding", e.length,
                    Math.sqrt(norm), e[0], e[1], e[2], e[3]);
            System.out.printf(Locale.ROOT, "  %-12s %s%n", "clip sha256", v.sourceSha256());
            System.out.printf(Locale.ROOT, "  %-12s %s%n", "audio key", v.voice().audioKey());
            QualityText.print(v.voice().quality(), System.out);
        }
        return 0;
    }
}
