// Manage the stored voices: add one from a clip (embedded once, with the clip's quality report), list, remove.
// Only `add` loads a model (the speaker encoder); listing and removing read the voice store alone.
//
// Run from the repository root after `./zonos build`:
//   java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp target/zonos4j.jar \
//        examples/ManageVoices.java add alice alice.flac
//   java ... examples/ManageVoices.java list
//   java ... examples/ManageVoices.java rm alice
// The store is the user's default (~/.local/share/zonos4j/voices.db) or -Dzonos.voices=FILE; the speaker model
// comes from Hugging Face or -Dzonos.speaker=DIR. `zonos voice add|list|rm` do the same from the command line.

import dev.zonos4j.engine.voice.DeferredEmbedder;
import dev.zonos4j.engine.voice.EncoderEmbedder;
import dev.zonos4j.engine.voice.SpeakerEmbedder;
import dev.zonos4j.engine.voice.StoredVoice;
import dev.zonos4j.engine.voice.VoiceStorePaths;
import dev.zonos4j.engine.voice.Voices;
import dev.zonos4j.util.ZonosException;
import dev.zonos4j.weights.hub.HubConfig;
import dev.zonos4j.weights.hub.ModelFiles;
import dev.zonos4j.weights.hub.ModelResolver;
import java.nio.file.Path;

public final class ManageVoices {
    public static void main(String[] args) {
        int status = run(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    public static int run(String[] args) {
        String store = System.getProperty("zonos.voices");
        Path storeFile = store == null ? VoiceStorePaths.defaultStore() : Path.of(store);
        ModelResolver resolver = new ModelResolver(HubConfig.fromEnvironment());
        // Loaded on first use: listing and removing never touch the speaker model.
        SpeakerEmbedder embedder = new DeferredEmbedder(() -> EncoderEmbedder.load(
                resolver.resolve(System.getProperty("zonos.speaker"), ModelFiles.SPEAKER_EMBEDDING)));
        try (Voices voices = Voices.open(storeFile, embedder, Voices.DEFAULT_CACHE_SIZE)) {
            switch (args.length > 0 ? args[0] : "") {
                case "add" -> {
                    if (args.length != 3) {
                        return usage();
                    }
                    StoredVoice v = voices.add(args[1], Path.of(args[2]));
                    System.out.println("added " + v.name() + ": clip " + v.voice().quality().verdict()
                            + (v.voice().quality().reasons().isEmpty() ? "" : " " + v.voice().quality().reasons()));
                }
                case "list" -> {
                    if (voices.list().isEmpty()) {
                        System.out.println("no voices in " + storeFile);
                    }
                    for (StoredVoice v : voices.list()) {
                        System.out.println(v.name() + "\t" + v.voice().quality().verdict() + "\t" + v.voice().modelId()
                                + "\t" + v.created());
                    }
                }
                case "rm" -> {
                    if (args.length != 2) {
                        return usage();
                    }
                    voices.remove(args[1]);
                    System.out.println("removed " + args[1]);
                }
                default -> {
                    return usage();
                }
            }
        } catch (ZonosException e) {
            System.err.println(e.getMessage());        // names the voice, clip or store and what was wrong
            return 1;
        }
        return 0;
    }

    private static int usage() {
        System.err.println("usage: ManageVoices add NAME CLIP | list | rm NAME");
        return 2;
    }
}
