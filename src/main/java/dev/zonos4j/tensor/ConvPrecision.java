package dev.zonos4j.tensor;

import dev.zonos4j.util.InvalidInputException;
import java.util.Locale;

/**
 * Arithmetic of the codec's convolutions. F32 is the exact path the golden kits check and the only one the engine
 * uses; BF16 rounds inputs and weights to bf16 and sums in f32 through oneDNN, and is measured by
 * {@code zonos bench dac --precision bf16} (speed, and signal-to-error against F32 on the same codes).
 */
public enum ConvPrecision {
    F32,
    BF16;

    /** Parses a user's word ({@code f32} or {@code bf16}); {@code what} names the option in the message. */
    public static ConvPrecision parse(String word, String what) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "f32" -> F32;
            case "bf16" -> BF16;
            default -> throw new InvalidInputException("unknown " + what + " '" + word + "' (expected f32 or bf16)");
        };
    }
}
