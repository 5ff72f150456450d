package dev.zonos4j.cli;

import dev.zonos4j.audio.quality.JoinBounds;
import dev.zonos4j.audio.quality.SegmentThresholds;
import dev.zonos4j.engine.QualitySettings;
import dev.zonos4j.util.InvalidInputException;
import picocli.CommandLine.Option;

/** The checks on generated speech as options; each defaults to {@link QualitySettings#DEFAULTS}. */
final class RunQualityOptions {
    private static final SegmentThresholds T = SegmentThresholds.DEFAULTS;

    @Option(names = "--quality-retry", paramLabel = "N", description = "Generate a flagged segment again with the next"
            + " seed, up to N more takes, and keep the best-scoring take (default: ${DEFAULT-VALUE}, off).")
    int qualityRetry;

    @Option(names = "--voice-similarity", paramLabel = "SECONDS", description = "Seconds of each segment's speech the"
            + " speaker encoder embeds to compare its voice with the reference and the previous segment, when a report"
            + " or quality retries are asked for; 0 = off (default: ${DEFAULT-VALUE}).")
    double similaritySeconds = QualitySettings.DEFAULT_SIMILARITY_SECONDS;

    @Option(names = "--min-rate", paramLabel = "PHONEMES/S", description = "Slower speech is \"runaway\" (default: ${DEFAULT-VALUE}).")
    double minRate = T.minPhonemesPerSecond();

    @Option(names = "--max-rate", paramLabel = "PHONEMES/S", description = "Faster speech is \"truncated\" (default: ${DEFAULT-VALUE}).")
    double maxRate = T.maxPhonemesPerSecond();

    @Option(names = "--min-speech-ratio", paramLabel = "RATIO", description = "Less speech is \"mostly silence\" (default: ${DEFAULT-VALUE}).")
    double minSpeechRatio = T.minSpeechRatio();

    @Option(names = "--max-silence", paramLabel = "SECONDS", description = "A longer silence in a segment is flagged (default: ${DEFAULT-VALUE}).")
    double maxSilence = T.maxSilenceSeconds();

    @Option(names = "--max-segment-clipping", paramLabel = "RATIO", description = "A larger fraction of samples at full"
            + " scale is \"clipped\" (default: ${DEFAULT-VALUE}).")
    double maxClipping = T.maxClippingRatio();

    @Option(names = "--max-loudness-step", paramLabel = "LU", description = "A larger loudness step to a neighbour, as"
            + " heard after the join, is flagged (default: ${DEFAULT-VALUE}).")
    double maxLoudnessStep = T.maxLoudnessStepLu();

    @Option(names = "--min-voice-similarity", paramLabel = "COSINE", description = "A segment whose voice is less similar"
            + " to the reference is \"other voice\" (default: ${DEFAULT-VALUE}).")
    double minVoiceSimilarity = T.minVoiceSimilarity();

    @Option(names = "--max-join-step", paramLabel = "RATIO", description = "A join whose largest sample step exceeds the"
            + " neighbours' by more is a click (default: ${DEFAULT-VALUE}).")
    double maxJoinStep = JoinBounds.DEFAULTS.sampleStep();

    @Option(names = "--max-join-high-band", paramLabel = "RATIO", description = "A join whose high-band energy exceeds"
            + " the neighbours' by more is a click (default: ${DEFAULT-VALUE}).")
    double maxJoinHighBand = JoinBounds.DEFAULTS.highBandRatio();

    /** The settings; voices are compared only when {@code measured} (a report or retries were asked for). */
    QualitySettings settings(boolean measured) {
        try {
            return new QualitySettings(qualityRetry, new SegmentThresholds(minRate, maxRate, minSpeechRatio, maxSilence,
                    maxClipping, maxLoudnessStep, minVoiceSimilarity), new JoinBounds(maxJoinStep, maxJoinHighBand),
                    measured || qualityRetry > 0 ? similaritySeconds : 0);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }
}
