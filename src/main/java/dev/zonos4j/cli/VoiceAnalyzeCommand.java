package dev.zonos4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.zonos4j.audio.AudioClip;
import dev.zonos4j.audio.AudioReader;
import dev.zonos4j.audio.QualityReport;
import dev.zonos4j.engine.voice.Voices;
import dev.zonos4j.util.ZonosException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zonos voice analyze CLIP}: the quality report, no speaker model needed. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Check a reference clip: duration, speech, loudness (BS.1770), clipping, estimated SNR, and a verdict.",
            "Needs no speaker model. When the voice store exists, also names the voices already made from this audio."})
final class VoiceAnalyzeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CLIP")
    Path clip;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Mixin
    VoiceStoreOption store;

    @Mixin
    QualityOptions quality;

    @Override
    public Integer call() {
        AudioClip audio = AudioReader.read(clip);
        QualityReport report = QualityReport.of(audio, quality.thresholds());
        List<String> stored = storedAs(audio);
        if (json) {
            ObjectNode o = report.toJson();
            o.put("file", clip.toString());
            o.putArray("stored_as").addAll(stored.stream().map(TextNode::valueOf).toList());
            System.out.println(o.toPrettyString());
            return 0;
        }
        System.out.println(clip);
        QualityText.print(report, System.out);
        if (!stored.isEmpty()) {
            System.out.printf("  %-12s %s%n", "stored as", String.join(", ", stored));
        }
        return 0;
    }

    /** Voices already made from this audio; the store is only read, and only when it exists. */
    private List<String> storedAs(AudioClip audio) {
        if (!store.exists()) {
            return List.of();
        }
        try (Voices voices = Voices.open(store.path(), null, 0)) {
            return voices.voicesWithAudio(audio);
        } catch (ZonosException e) {
            System.err.println("zonos: note: " + e.getMessage());
            return List.of();
        }
    }
}
