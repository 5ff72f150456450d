package dev.zonos4j.model.zonos;

/**
 * The prefix conditioning of one request, upstream's {@code prepare_conditioning}: {@code length} rows of
 * d_model values for the conditional stream and for the unconditional stream (classifier-free guidance).
 *
 * @param cond   [length, dModel] row-major
 * @param uncond [length, dModel] row-major
 */
public record Conditioning(int length, int dModel, float[] cond, float[] uncond) {
    public Conditioning {
        if (length <= 0 || cond.length != length * dModel || uncond.length != length * dModel) {
            throw new IllegalArgumentException("conditioning of " + length + " x " + dModel + " rows needs "
                    + length * dModel + " values per stream, got " + cond.length + " and " + uncond.length);
        }
    }
}
