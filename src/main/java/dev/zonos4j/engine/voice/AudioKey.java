package dev.zonos4j.engine.voice;

import dev.zonos4j.audio.AudioClip;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Content keys: SHA-256 of decoded audio (rate, shape and every sample's float bits), so the same samples
 * re-encoded in another container or bit depth give the same key (integer samples always decode to the same
 * floats, see {@link AudioClip}), and SHA-256 of a file's bytes. A cryptographic hash, because a store may be
 * shared: nobody should be able to craft a clip that collides with someone else's voice.
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
        byte[] bytes = new byte[4 * CHUNK_FLOATS];
        FloatBuffer chunk = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        for (float[] channel : clip.channels()) {
            for (int from = 0; from < channel.length; from += CHUNK_FLOATS) {
                int n = Math.min(CHUNK_FLOATS, channel.length - from);
                chunk.clear();
                chunk.put(channel, from, n);
                md.update(bytes, 0, 4 * n);
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
