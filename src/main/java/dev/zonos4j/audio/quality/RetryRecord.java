package dev.zonos4j.audio.quality;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Locale;

/**
 * A segment generated again because its first take was flagged.
 *
 * @param reasons  why the first take was flagged
 * @param seeds    every seed tried, in order
 * @param keptSeed the seed of the take kept (the best-scoring one)
 * @param keptReasons what is still wrong with the take kept (empty: it passed)
 */
public record RetryRecord(int segment, List<String> reasons, List<Long> seeds, long keptSeed, List<String> keptReasons) {

    public RetryRecord {
        reasons = List.copyOf(reasons);
        seeds = List.copyOf(seeds);
        keptReasons = List.copyOf(keptReasons);
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("segment", segment);
        o.putArray("reasons").addAll(reasons.stream().map(TextNode::valueOf).toList());
        ArrayNode s = o.putArray("seeds");
        seeds.forEach(s::add);
        o.put("kept_seed", keptSeed);
        o.putArray("kept_reasons").addAll(keptReasons.stream().map(TextNode::valueOf).toList());
        return o;
    }

    /** One line for a run summary. */
    public String describe() {
        int kept = seeds.indexOf(keptSeed) + 1;
        return String.format(Locale.ROOT, "segment %d retried (%s): %d takes, kept take %d%s", segment + 1,
                String.join("; ", reasons), seeds.size(), kept,
                keptReasons.isEmpty() ? ", which passed" : " (still: " + String.join("; ", keptReasons) + ")");
    }
}
