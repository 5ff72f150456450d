package dev.zonos4j.cli;

import dev.zonos4j.audio.QualityReport;
import dev.zonos4j.engine.voice.SpeakerEmbedder;
import dev.zonos4j.engine.voice.StoredVoice;
import dev.zonos4j.engine.voice.Voices;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zonos voice add NAME CLIP}. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Embed a reference clip (WAV, FLAC, MP3, Ogg Vorbis) and store it as a named voice.")
final class VoiceAddCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "Voice name: letters, digits, '.', '_', '-'.")
    String name;

    @Parameters(index = "1", paramLabel = "CLIP", description = "Reference clip of the speaker.")
    Path clip;

    @Option(names = "--replace", description = "Overwrite a voice of the same name.")
    boolean replace;

    @Mixin
    VoiceStoreOption store;

    @Mixin
    SpeakerModelOption model;

    @Mixin
    QualityOptions quality;

    @Override
    public Integer call() {
        SpeakerEmbedder embedder = model.load();
        try (Voices voices = Voices.open(store.path(), embedder, 1, quality.thresholds(), quality.referenceSpeechSeconds)) {
            StoredVoice v = voices.add(name, clip, replace);
            QualityReport report = v.voice().quality();
            System.out.println(clip);
            QualityText.print(report, System.out);
            if (report.verdict() == QualityReport.Verdict.POOR) {
                System.err.println("zonos: warning: " + clip + " is a poor reference clip (" + String.join("; ", report.reasons())
                        + "); the cloned voice may suffer");
            }
            System.out.println("added voice '" + v.name() + "' (speaker model " + v.voice().modelId() + ") to " + store.path());
        }
        return 0;
    }
}
