package dev.zonos4j.audio.quality;

/**
 * When a join is heard as a click: the join tests' bounds (SegmentJoinerTest). Around the seam (±20 ms) the largest
 * sample step may be at most {@code sampleStep} times the largest step inside the two neighbouring segments, and
 * the high-band energy (second difference, 5 ms windows) at most {@code highBandRatio} times theirs.
 */
public record JoinBounds(double sampleStep, double highBandRatio) {

    /** 1.5× the neighbours' largest step and 2× (3 dB) their largest high-band energy. */
    public static final JoinBounds DEFAULTS = new JoinBounds(1.5, 2.0);

    public JoinBounds {
        if (!(sampleStep >= 1 && highBandRatio >= 1) || Double.isInfinite(sampleStep) || Double.isInfinite(highBandRatio)) {
            throw new IllegalArgumentException("join bounds are ratios to the neighbouring segments and must be >= 1,"
                    + " got step " + sampleStep + " and high band " + highBandRatio);
        }
    }
}
