package dev.zonos4j.cli;

import dev.zonos4j.audio.QualityThresholds;
import dev.zonos4j.audio.SpeechWindow;
import dev.zonos4j.util.InvalidInputException;
import picocli.CommandLine.Option;

/** The quality thresholds as options; each defaults to {@link QualityThresholds#DEFAULTS}. */
final class QualityOptions {

    @Option(names = "--min-speech", paramLabel = "SECONDS", description = "Less speech is \"too short\" (default: ${DEFAULT-VALUE}).")
    double minSpeechSeconds = QualityThresholds.DEFAULTS.minSpeechSeconds();

    @Option(names = "--max-clipping", paramLabel = "RATIO",
            description = "A larger fraction of samples at full scale is \"clipped\" (default: ${DEFAULT-VALUE}).")
    double maxClippingRatio = QualityThresholds.DEFAULTS.maxClippingRatio();

    @Option(names = "--min-snr", paramLabel = "DB", description = "A lower estimated SNR is \"noisy\" (default: ${DEFAULT-VALUE}).")
    double minSnrDb = QualityThresholds.DEFAULTS.minSnrDb();

    @Option(names = "--min-loudness", paramLabel = "LUFS", description = "Quieter is \"quiet\" (default: ${DEFAULT-VALUE}).")
    double minLoudnessLufs = QualityThresholds.DEFAULTS.minLoudnessLufs();

    @Option(names = "--reference-speech", paramLabel = "SECONDS",
            description = "A longer clip's voice is taken from its start up to this much detected speech, so time and"
                    + " memory stay bounded (default: ${DEFAULT-VALUE}).")
    double referenceSpeechSeconds = SpeechWindow.DEFAULT_MAX_SPEECH_SECONDS;

    QualityThresholds thresholds() {
        try {
            return new QualityThresholds(minSpeechSeconds, maxClippingRatio, minSnrDb, minLoudnessLufs);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }
}
