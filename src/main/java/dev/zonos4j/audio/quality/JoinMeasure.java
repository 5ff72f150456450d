package dev.zonos4j.audio.quality;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How one join sounds, measured on the joined output.
 *
 * @param afterSegment  the segment before the join (the next audible one follows it)
 * @param atSeconds     where the next segment's audio starts in the output
 * @param sampleStep    the largest sample step around the seam over the largest inside the two neighbours
 * @param highBandRatio the largest high-band energy around the seam over the largest inside the two neighbours
 * @param ok            both within the {@link JoinBounds}
 */
public record JoinMeasure(int afterSegment, double atSeconds, double sampleStep, double highBandRatio, boolean ok) {

    public ObjectNode toJson() {
        return JsonNodeFactory.instance.objectNode().put("after_segment", afterSegment).put("at_seconds", atSeconds)
                .put("sample_step", sampleStep).put("high_band_ratio", highBandRatio).put("ok", ok);
    }
}
