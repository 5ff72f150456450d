package dev.zonos4j.audio.quality;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;

/**
 * One segment as the listener hears it: its measures, where it lies in the joined output, its voice, the take kept
 * and why it is flagged.
 *
 * @param loudnessStepLu       largest loudness difference to a neighbour after the join (NaN: no audible neighbour)
 * @param voiceSimilarity      cosine of its voice embedding with the reference voice's (NaN: not measured)
 * @param similarityToPrevious cosine with the previous segment's voice embedding (NaN: first, or not measured)
 * @param seed                 the seed of the take kept
 * @param takes                takes generated (1 without retries)
 */
public record SegmentVerdict(int index, SegmentMeasures measures, double loudnessStepLu, double startSeconds,
                             double endSeconds, boolean paragraphStart, double voiceSimilarity,
                             double similarityToPrevious, long seed, int takes, List<String> reasons) {

    public SegmentVerdict {
        reasons = List.copyOf(reasons);
    }

    public boolean flagged() {
        return !reasons.isEmpty();
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("index", index);
        o.setAll(measures.toJson());
        SegmentMeasures.putFinite(o, "loudness_step_lu", loudnessStepLu);
        SegmentMeasures.putFinite(o, "start_seconds", startSeconds);
        SegmentMeasures.putFinite(o, "end_seconds", endSeconds);
        o.put("paragraph_start", paragraphStart);
        SegmentMeasures.putFinite(o, "voice_similarity", voiceSimilarity);
        SegmentMeasures.putFinite(o, "similarity_to_previous", similarityToPrevious);
        o.put("seed", seed).put("takes", takes);
        o.put("verdict", flagged() ? "flagged" : "ok");
        o.putArray("reasons").addAll(reasons.stream().map(TextNode::valueOf).toList());
        return o;
    }
}
