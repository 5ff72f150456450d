package dev.zonos4j.audio;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A reference clip's measures and the verdict on them.
 *
 * @param reasons why the verdict is not {@link Verdict#GOOD}, one short phrase each ("too short: 1.2 s of speech ...")
 */
public record QualityReport(ClipMeasures measures, Verdict verdict, List<String> reasons) {

    public enum Verdict {
        /** Fine as a voice sample. */
        GOOD,
        /** Usable, but the cloned voice may suffer; the reasons say why. */
        POOR,
        /** Empty, silent or without speech: cannot be a voice. */
        UNUSABLE
    }

    public QualityReport {
        Objects.requireNonNull(measures, "measures");
        Objects.requireNonNull(verdict, "verdict");
        reasons = List.copyOf(reasons);
        if ((verdict == Verdict.GOOD) != reasons.isEmpty()) {
            throw new IllegalArgumentException("a " + verdict + " verdict with reasons " + reasons);
        }
    }

    /** Measures and judges a clip. */
    public static QualityReport of(AudioClip clip, QualityThresholds thresholds) {
        return thresholds.judge(ClipMeasures.of(clip));
    }

    public boolean usable() {
        return verdict != Verdict.UNUSABLE;
    }

    public ObjectNode toJson() {
        ObjectNode o = measures.toJson();
        o.put("verdict", verdict.name().toLowerCase(Locale.ROOT));
        o.putArray("reasons").addAll(reasons.stream().map(TextNode::valueOf).toList());
        return o;
    }
}
