package dev.zonos4j.cli;

import dev.zonos4j.engine.voice.Voices;
import dev.zonos4j.util.InvalidInputException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code zonos voice rm NAME}. */
@Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove a named voice from the voice store.")
final class VoiceRmCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Mixin
    VoiceStoreOption store;

    @Override
    public Integer call() {
        if (!store.exists()) {
            throw new InvalidInputException("unknown voice '" + name + "'; the voice store " + store.path() + " does not exist yet");
        }
        try (Voices voices = Voices.open(store.path(), null, 0)) {
            voices.remove(name);
        }
        System.out.println("removed voice '" + name + "' from " + store.path());
        return 0;
    }
}
