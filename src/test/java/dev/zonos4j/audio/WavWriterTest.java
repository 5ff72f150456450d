package dev.zonos4j.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavWriterTest {

    private static float[] tone(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (0.8 * Math.sin(i * 0.01) + (i % 97 == 0 ? 1.5 : 0));
        }
        return v;
    }

    /** Writes in uneven pieces so the internal buffer fills and drains several times. */
    private static void writePieces(WavWriter w, float[] v) {
        int pos = 0;
        int piece = 1;
        while (pos < v.length) {
            int n = Math.min(v.length - pos, piece);
            w.write(v, pos, n);
            pos += n;
            piece = piece * 3 + 1;
        }
    }

    @Test
    void float32RoundTripsExactlyWithPatchedSizes(@TempDir Path dir) throws Exception {
        float[] v = tone(100_003);
        Path file = dir.resolve("out.wav");
        WavWriter w = WavWriter.create(file, 44100, WavWriter.Encoding.FLOAT32);
        writePieces(w, v);
        assertFalse(Files.exists(file), "final name must not exist before finish()");
        assertTrue(Files.exists(dir.resolve("out.wav.partial")));
        w.finish();
        assertFalse(Files.exists(dir.resolve("out.wav.partial")));
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(bytes.length - 8, b.getInt(4), "RIFF size");
        assertEquals(3, b.getShort(20), "IEEE float format tag");
        AudioClip c = AudioReader.read(file);
        assertEquals(44100, c.sampleRate());
        assertArrayEquals(v, c.mono());
    }

    @Test
    void pcm16ClipsAndQuantises(@TempDir Path dir) {
        float[] v = {0f, 0.5f, -0.5f, 1f, -1f, 2f, -3f, Float.NaN};
        Path file = dir.resolve("pcm.wav");
        try (WavWriter w = WavWriter.create(file, 24000, WavWriter.Encoding.PCM16)) {
            w.write(v);
            w.finish();
        }
        AudioClip c = AudioReader.read(file);
        assertEquals(24000, c.sampleRate());
        float[] expected = {0f, 16384 / 32768f, -16384 / 32768f, 32767 / 32768f, -32767 / 32768f, 32767 / 32768f,
            -32767 / 32768f, 0f};
        assertArrayEquals(expected, c.mono(), 1e-6f);
    }

    @Test
    void aStreamCutOffLeavesOnlyAPartialFileThatSaysSo(@TempDir Path dir) {
        Path file = dir.resolve("cut.wav");
        float[] v = tone(5000);
        assertThrows(IllegalStateException.class, () -> {
            try (WavWriter w = WavWriter.create(file, 44100, WavWriter.Encoding.PCM16)) {
                w.write(v);
                throw new IllegalStateException("generation failed");
            }
        });
        assertFalse(Files.exists(file));
        Path partial = dir.resolve("cut.wav.partial");
        assertTrue(Files.exists(partial));
        assertEquals(5000, AudioReader.read(partial).frames(), "the partial file's header covers what was written");
    }

    @Test
    void abortRemovesEverything(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gone.wav");
        WavWriter w = WavWriter.create(file, 44100, WavWriter.Encoding.FLOAT32);
        w.write(tone(10));
        w.abort();
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void streamsToANonSeekableSinkWithUnknownLength() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        float[] v = tone(777);
        WavWriter w = WavWriter.stream(sink, 44100, WavWriter.Encoding.FLOAT32);
        w.write(v);
        w.finish();
        byte[] bytes = sink.toByteArray();
        assertEquals(-1, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(4), "RIFF size unknown");
        assertArrayEquals(v, AudioReader.decode(bytes, "stream").mono());
    }

    @Test
    void headersDeclareRateSizesAndForAStreamAnUnknownLength(@TempDir Path dir) throws Exception {
        Path pcm = dir.resolve("pcm.wav");
        WavWriter w = WavWriter.create(pcm, 22_050, WavWriter.Encoding.PCM16);
        w.write(new float[] {0.1f, 0.2f, 0.3f});
        assertEquals(3, w.samplesWritten());
        assertEquals(22_050, w.sampleRate());
        w.finish();
        ByteBuffer p = ByteBuffer.wrap(Files.readAllBytes(pcm)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(44 + 6, p.capacity());
        assertEquals(36 + 6, p.getInt(4), "RIFF size");
        assertEquals(16, p.getInt(16), "fmt size");
        assertEquals(1, p.getShort(22), "channels");
        assertEquals(22_050, p.getInt(24), "sample rate");
        assertEquals(44_100, p.getInt(28), "byte rate");
        assertEquals(2, p.getShort(32), "block align");
        assertEquals(16, p.getShort(34), "bits");
        assertEquals(6, p.getInt(40), "data size");

        Path flt = dir.resolve("float.wav");
        WavWriter f = WavWriter.create(flt, 8_000, WavWriter.Encoding.FLOAT32);
        f.write(new float[] {0.1f, 0.2f});
        f.finish();
        ByteBuffer q = ByteBuffer.wrap(Files.readAllBytes(flt)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(58 + 8, q.capacity());
        assertEquals(18, q.getInt(16), "fmt size of IEEE float");
        assertEquals(32_000, q.getInt(28), "byte rate");
        assertEquals("fact", new String(q.array(), 38, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(2, q.getInt(46), "fact: samples");
        assertEquals(8, q.getInt(54), "data size");

        ByteArrayOutputStream sock = new ByteArrayOutputStream();
        WavWriter s = WavWriter.stream(sock, 44_100, WavWriter.Encoding.PCM16);
        s.write(new float[] {0.5f});
        s.finish();
        ByteBuffer h = ByteBuffer.wrap(sock.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(44 + 2, h.capacity());
        assertEquals(-1, h.getInt(4), "a stream's RIFF size is unknown (0xFFFFFFFF)");
        assertEquals(88_200, h.getInt(28), "byte rate");
        assertEquals(-1, h.getInt(40), "a stream's data size is unknown (0xFFFFFFFF)");
        assertThrows(IllegalArgumentException.class, () -> WavWriter.stream(new ByteArrayOutputStream(), 0, WavWriter.Encoding.PCM16));
        assertEquals(1, WavWriter.stream(new ByteArrayOutputStream(), 1, WavWriter.Encoding.PCM16).sampleRate());
        assertEquals(WavWriter.Encoding.FLOAT32, WavWriter.Encoding.parse("Float32"));
    }
}
