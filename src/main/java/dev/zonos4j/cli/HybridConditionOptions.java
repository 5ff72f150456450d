package dev.zonos4j.cli;

import dev.zonos4j.model.zonos.HybridConditions;
import dev.zonos4j.util.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The hybrid model's four extra conditioners as {@code speak} options, with upstream's make_cond_dict defaults:
 * ctc_loss 0 and speaker_noised false given, vqscore_8 and dnsmos_ovrl unconditional. The transformer ignores them.
 */
final class HybridConditionOptions {
    private static final Set<String> KEYS = Set.of("vqscore_8", "ctc_loss", "dnsmos_ovrl", "speaker_noised");

    @Option(names = "--vqscore", paramLabel = "V[,V...]", split = ",",
            description = "Hybrid only: VQScore, one value for all 8 or 8 values, 0.5..0.8 (default: unconditional).")
    float[] vqscore;

    @Option(names = "--ctc-loss", description = "Hybrid only: CTC loss of the reference, -1..1000 (default: 0).")
    Float ctcLoss;

    @Option(names = "--dnsmos", description = "Hybrid only: DNSMOS overall quality, 1..5 (default: unconditional).")
    Float dnsmos;

    @Option(names = "--speaker-noised", description = "Hybrid only: the reference voice is noisy (default: false).")
    Boolean speakerNoised;

    @Option(names = "--unconditional", paramLabel = "KEY[,KEY...]", split = ",",
            description = "Hybrid only: conditioners left to their learned unconditional vector even when given:"
                    + " vqscore_8, ctc_loss, dnsmos_ovrl, speaker_noised.")
    List<String> unconditional = List.of();

    HybridConditions conditions() {
        for (String k : unconditional) {
            if (!KEYS.contains(k)) {
                throw new InvalidInputException("--unconditional: unknown conditioner '" + k + "' (known: " + KEYS + ")");
            }
        }
        HybridConditions d = HybridConditions.DEFAULTS;
        float[] vq = vqscore == null ? d.vqscore8() : vqscore.length == 1 ? filled(vqscore[0]) : vqscore;
        if (vq != null && vq.length != HybridConditions.VQSCORE_VALUES) {
            throw new InvalidInputException("--vqscore takes one value or " + HybridConditions.VQSCORE_VALUES + ", got "
                    + vq.length + ": " + Arrays.toString(vq));
        }
        return new HybridConditions(
                unconditional.contains("vqscore_8") ? null : vq,
                unconditional.contains("ctc_loss") ? null : ctcLoss != null ? ctcLoss : d.ctcLoss(),
                unconditional.contains("dnsmos_ovrl") ? null : dnsmos != null ? dnsmos : d.dnsmosOvrl(),
                unconditional.contains("speaker_noised") ? null : speakerNoised != null ? speakerNoised : d.speakerNoised());
    }

    private static float[] filled(float v) {
        float[] out = new float[HybridConditions.VQSCORE_VALUES];
        Arrays.fill(out, v);
        return out;
    }
}
