package dev.zonos4j.cli;

import dev.zonos4j.audio.QualityReport;
import dev.zonos4j.engine.voice.StoredVoice;
import dev.zonos4j.engine.voice.Voices;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code zonos voice list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the named voices in the voice store.")
final class VoiceListCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    @Mixin
    VoiceStoreOption store;

    @Override
    public Integer call() {
        if (!store.exists()) {
            System.out.println("no voices: the voice store " + store.path() + " does not exist yet (zonos voice add NAME CLIP)");
            return 0;
        }
        try (Voices voices = Voices.open(store.path(), null, 0)) {
            List<StoredVoice> all = voices.list();
            if (all.isEmpty()) {
                System.out.println("no voices in " + store.path() + " (zonos voice add NAME CLIP)");
                return 0;
            }
            int width = Math.max(4, all.stream().mapToInt(v -> v.name().length()).max().orElse(4));
            String row = "%-" + width + "s  %-8s  %8s  %-16s  %s%n";
            System.out.printf(Locale.ROOT, row, "NAME", "QUALITY", "SPEECH", "ADDED", "SPEAKER MODEL");
            for (StoredVoice v : all) {
                QualityReport q = v.voice().quality();
                System.out.printf(Locale.ROOT, row, v.name(), q.verdict().name().toLowerCase(Locale.ROOT),
                        String.format(Locale.ROOT, "%.1f s", q.measures().speechSeconds()), TIME.format(v.created()),
                        v.voice().modelId());
            }
        }
        return 0;
    }
}
