// Speak a text file in the voice of a reference clip, streaming into a WAV file in bounded memory.
//
// Run from the repository root after `./zonos build`:
//   java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp target/zonos4j.jar \
//        examples/SpeakFile.java chapter.txt me.wav chapter.wav
// The models come from Hugging Face (downloaded once into its cache), or from local folders with
//   -Dzonos.model=DIR -Dzonos.codec=DIR -Dzonos.speaker=DIR   (and -Dzonos.voices=FILE for the voice store).

import dev.zonos4j.ZonosTts;
import dev.zonos4j.audio.WavWriter;
import dev.zonos4j.engine.SpeechListener;
import dev.zonos4j.engine.SpeechOptions;
import dev.zonos4j.engine.SpeechResult;
import dev.zonos4j.engine.WavFileSink;
import dev.zonos4j.engine.voice.Voice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

public final class SpeakFile {
    public static void main(String[] args) throws Exception {
        int status = run(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    public static int run(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: SpeakFile TEXT.txt CLIP.wav OUT.wav");
            return 2;
        }
        String text = Files.readString(Path.of(args[0]));
        try (ZonosTts tts = ZonosTts.open(config())) {
            Voice voice = tts.voiceFromClip(Path.of(args[1]));       // embedded once, then cached in the voice store
            System.out.println("voice: " + voice.quality().verdict() + " clip " + voice.quality().reasons());
            SpeechOptions options = SpeechOptions.builder().language("en-us").seed(1).build();
            SpeechResult r = tts.generateSpeech(text, voice, options,
                    new WavFileSink(Path.of(args[2]), WavWriter.Encoding.PCM16), SpeechListener.NONE);
            System.out.printf(Locale.ROOT, "%s: %d segments, %.1f s of audio in %.1f s (RTF %.2f)%n", args[2],
                    r.segments(), r.audioSeconds(), r.wallSeconds(), r.rtf());
        }
        return 0;
    }

    /** The defaults, with the model folders and voice store the system properties name (null: the default). */
    static ZonosTts.Config config() {
        ZonosTts.Config d = ZonosTts.Config.defaults();
        String store = System.getProperty("zonos.voices");
        return new ZonosTts.Config(System.getProperty("zonos.model"), System.getProperty("zonos.codec"),
                System.getProperty("zonos.speaker"), d.precision(), d.threads(), d.kvBudgetBytes(),
                store == null ? null : Path.of(store), d.voiceCacheSize(), d.hub(), d.join(), d.segmentBudget());
    }
}
