// Speak text through the speakers while it is being generated: the first sentence plays while the rest is made.
//
// Run from the repository root after `./zonos build`:
//   java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp target/zonos4j.jar \
//        examples/StreamToSpeakers.java "Some text to read aloud." [me.wav | stored-voice-name]
// Without a voice it speaks in the model's neutral voice. Needs a sound device (javax.sound.sampled); on a
// machine without one it says so and exits with status 1 (use SpeakFile, or `zonos speak --stdout | aplay`).
// Model folders: -Dzonos.model=DIR -Dzonos.codec=DIR -Dzonos.speaker=DIR -Dzonos.voices=FILE (default: Hugging Face).

import dev.zonos4j.ZonosTts;
import dev.zonos4j.engine.SpeechOptions;
import dev.zonos4j.engine.voice.Voice;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

public final class StreamToSpeakers {
    static final AudioFormat FORMAT = new AudioFormat(44_100, 16, 1, true, false);

    public static void main(String[] args) throws Exception {
        int status = run(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    public static int run(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: StreamToSpeakers TEXT [CLIP.wav | VOICE-NAME]");
            return 2;
        }
        SourceDataLine line;
        try {
            line = AudioSystem.getSourceDataLine(FORMAT);
            line.open(FORMAT, 44_100);                                // half a second of 16-bit audio buffered
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            System.err.println("no audio output device for 44.1 kHz 16-bit mono here (" + e.getMessage()
                    + "); write a file with SpeakFile instead, or pipe `zonos speak --stdout` into a player");
            return 1;
        }
        try (ZonosTts tts = ZonosTts.open(config())) {
            Voice voice = args.length == 2 ? tts.voiceFromClipOrName(args[1]) : null;
            line.start();
            CompletableFuture<Void> done = new CompletableFuture<>();
            tts.streamSpeech(args[0], voice, SpeechOptions.defaults()).subscribe(new Flow.Subscriber<>() {
                private Flow.Subscription subscription;

                @Override
                public void onSubscribe(Flow.Subscription s) {
                    subscription = s;
                    s.request(1);
                }

                @Override
                public void onNext(float[] chunk) {
                    byte[] pcm = new byte[chunk.length * 2];
                    for (int i = 0; i < chunk.length; i++) {
                        int v = Math.round(Math.max(-1f, Math.min(1f, chunk[i])) * 32767);
                        pcm[2 * i] = (byte) v;
                        pcm[2 * i + 1] = (byte) (v >> 8);
                    }
                    line.write(pcm, 0, pcm.length);                     // blocks while the device plays: generation waits
                    subscription.request(1);
                }

                @Override
                public void onError(Throwable t) {
                    done.completeExceptionally(t);
                }

                @Override
                public void onComplete() {
                    done.complete(null);
                }
            });
            done.join();
            line.drain();
        } finally {
            line.close();
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
