package dev.zonos4j.audio.join;

/**
 * Chooses each segment's gain: toward the configured target level, or (without one) toward the level of what has
 * been emitted so far, so the first segment sets the level and later ones follow it. Gains stay within the
 * boost/cut limits and never lift a segment's peak above the ceiling.
 */
final class LoudnessMatcher {
    private final JoinConfig cfg;
    private double emittedPower;
    private double emittedSamples;

    LoudnessMatcher(JoinConfig cfg) {
        this.cfg = cfg;
    }

    /** The gain (dB) for a segment of {@code length} samples at {@code levelDb} whose largest magnitude is peak. */
    double gainDb(double levelDb, double peak, int length) {
        double gain = 0;
        if (cfg.matchLoudness() && Double.isFinite(levelDb)) {
            double target = cfg.targetDb().isPresent() ? cfg.targetDb().getAsDouble()
                    : emittedSamples > 0 ? 10 * Math.log10(emittedPower / emittedSamples) : levelDb;
            gain = Math.clamp(target - levelDb, -cfg.maxCutDb(), cfg.maxBoostDb());
        }
        if (peak > 0) {
            gain = Math.min(gain, 20 * Math.log10(cfg.peakCeiling() / peak));
        }
        if (Double.isFinite(levelDb)) {
            emittedPower += Math.pow(10, (levelDb + gain) / 10) * length;
            emittedSamples += length;
        }
        return gain;
    }
}
