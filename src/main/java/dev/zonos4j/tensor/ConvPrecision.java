package dev.zonos4j.tensor;

/**
 * Arithmetic of the codec's convolutions. F32 is the exact path the golden kits check; BF16 rounds inputs and
 * weights to bf16 and accumulates in f32 through oneDNN (the native backend), about twice as fast where the CPU
 * has bf16 dot products, at a signal-to-error ratio {@code zonos bench dac --precision bf16} reports.
 */
public enum ConvPrecision {
    F32,
    BF16;

    /** Parses a user's word ({@code f32} or {@code bf16}); {@code what} names the option in the message. */
    public static ConvPrecision parse(String word, String what) {
        return switch (word.toLowerCase(java.util.Locale.ROOT)) {
            case "f32" -> F32;
            case "bf16" -> BF16;
            default -> throw new dev.zonos4j.util.InvalidInputException(
                    "unknown " + what + " '" + word + "' (expected f32 or bf16)");
        };
    }
}
