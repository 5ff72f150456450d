package dev.zonos4j.model.zonos;

import dev.zonos4j.util.InvalidInputException;

/**
 * The hybrid model's four extra conditioners, as upstream's {@code make_cond_dict} takes them; a null value
 * makes that conditioner unconditional (its learned vector). The transformer has none of them and ignores
 * these. {@link #DEFAULTS} is make_cond_dict's default: vqscore_8 and dnsmos_ovrl in its default
 * unconditional_keys, ctc_loss 0.0 and speaker_noised false given.
 *
 * @param vqscore8      8 VQScore values (range [0.5, 0.8] in the config), or null ({@code vqscore_8})
 * @param ctcLoss       CTC loss of the reference, or null ({@code ctc_loss}, range [-1, 1000])
 * @param dnsmosOvrl    DNSMOS overall score, or null ({@code dnsmos_ovrl}, range [1, 5])
 * @param speakerNoised whether the speaker embedding came from noisy audio, or null ({@code speaker_noised})
 */
public record HybridConditions(float[] vqscore8, Float ctcLoss, Float dnsmosOvrl, Boolean speakerNoised) {

    public static final HybridConditions DEFAULTS = new HybridConditions(null, 0f, null, false);

    /** Number of VQScore values of {@code vqscore_8}. */
    public static final int VQSCORE_VALUES = 8;

    public HybridConditions {
        if (vqscore8 != null) {
            if (vqscore8.length != VQSCORE_VALUES) {
                throw new InvalidInputException("vqscore_8 takes " + VQSCORE_VALUES + " values, got " + vqscore8.length);
            }
            vqscore8 = vqscore8.clone();
            for (float v : vqscore8) {
                finite("vqscore_8", v);
            }
        }
        if (ctcLoss != null) {
            finite("ctc_loss", ctcLoss);
        }
        if (dnsmosOvrl != null) {
            finite("dnsmos_ovrl", dnsmosOvrl);
        }
    }

    @Override
    public float[] vqscore8() {
        return vqscore8 == null ? null : vqscore8.clone();
    }

    private static void finite(String name, float v) {
        if (!Float.isFinite(v)) {
            throw new InvalidInputException(name + " must be a finite number, got " + v);
        }
    }
}
