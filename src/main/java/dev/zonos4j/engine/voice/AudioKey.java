package dev.zonos4j.engine.voice;

import dev.zonos4j.audio.AudioClip;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Content keys: SHA-256 of decoded audio (rate, shape and every sample's float bits), so the same samples
 * re-encoded in another container or bit depth give the same key, and SHA-256 of a file's bytes.
 */
public final class AudioKey {

    private static final byte[] DOMAIN = "zonos4j-audio-v1".getBytes(StandardCharsets.US_ASCII);
    private static final int CHUNK_FLOATS = 16384;

    private AudioKey() {
    }

    /** Hex SHA-256 of the decoded clip. */
    public static String of(AudioClip clip) {
        MessageDigest md = sha256();
        md.update(DOMAIN);
        ByteBuffer head = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        head.putInt(clip.sampleRate()).putInt(clip.channelCount()).putLong(clip.frames());
        md.update(head.array());
        ByteBuffer chunk = ByteBuffer.allocate(4 * CHUNK_FLOATS).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] channel : clip.channels()) {
            for (int from = 0; from < channel.length; from += CHUNK_FLOATS) {
                int to = Math.min(channel.length, from + CHUNK_FLOATS);
                chunk.clear();
                for (int i = from; i < to; i++) {
                    // + 0f folds -0.0 into 0.0: both decode from the same integer sample.
                    chunk.putInt(Float.floatToIntBits(channel[i] + 0f));
                }
                md.update(chunk.array(), 0, chunk.position());
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Hex SHA-256 of raw bytes (a clip file as it was given). */
    public static String ofBytes(byte[] data) {
        return HexFormat.of().formatHex(sha256().digest(data));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
