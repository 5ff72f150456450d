package dev.zonos4j.model.speaker;

/**
 * What the speaker encoder computes for one clip.
 *
 * @param embedding the 256-d network output (upstream's {@code emb})
 * @param lda       its 128-d LDA projection (upstream's {@code lda}; not normalised)
 * @param speaker   the 128-d vector Zonos conditions on: {@code lda} rounded to bfloat16 (round to nearest even),
 *                  held as float, as {@code make_speaker_embedding} returns it
 */
public record SpeakerEmbedding(float[] embedding, float[] lda, float[] speaker) {

    public SpeakerEmbedding {
        if (lda.length != speaker.length) {
            throw new IllegalArgumentException("lda has " + lda.length + " values, speaker " + speaker.length);
        }
        embedding = embedding.clone();
        lda = lda.clone();
        speaker = speaker.clone();
    }

    @Override
    public float[] embedding() {
        return embedding.clone();
    }

    @Override
    public float[] lda() {
        return lda.clone();
    }

    @Override
    public float[] speaker() {
        return speaker.clone();
    }

    /** The bfloat16 value nearest to x (ties to even), as PyTorch's {@code .bfloat16()} rounds. */
    public static float roundToBf16(float x) {
        if (Float.isNaN(x)) {
            return x;
        }
        int bits = Float.floatToRawIntBits(x);
        int rounded = bits + 0x7FFF + ((bits >>> 16) & 1);
        return Float.intBitsToFloat(rounded & 0xFFFF0000);
    }
}
