package dev.zonos4j.audio.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.audio.AudioClip;
import dev.zonos4j.audio.AudioReader;
import dev.zonos4j.util.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Each format is decoded back (our readers; Concentus for Opus) and compared with the source in length and level. */
class AudioEncoderTest {
    private static final int RATE = 44_100;

    /** 2.3 s of a gliding, amplitude-modulated tone: speech-like energy in the band all codecs keep. */
    private static float[] signal() {
        float[] x = new float[(int) (2.3 * RATE)];
        double phase = 0;
        for (int i = 0; i < x.length; i++) {
            double t = i / (double) RATE;
            phase += 2 * Math.PI * (220 + 180 * Math.sin(2 * Math.PI * 0.7 * t)) / RATE;
            x[i] = (float) (0.4 * (0.6 + 0.4 * Math.sin(2 * Math.PI * 3 * t)) * Math.sin(phase));
        }
        return x;
    }

    /** Encodes in uneven chunks, as segments arrive from the engine. */
    private static byte[] encode(OutputFormat format, float[] x) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AudioEncoder e = AudioEncoder.open(format, out, RATE);
        int[] sizes = {1000, 37_000, 5, 20_000};
        int at = 0;
        for (int k = 0; at < x.length; k++) {
            int n = Math.min(sizes[k % sizes.length], x.length - at);
            e.write(x, at, n);
            at += n;
        }
        e.finish();
        return out.toByteArray();
    }

    private static double rmsDb(float[] x) {
        double s = 0;
        for (float v : x) {
            s += v * (double) v;
        }
        return 10 * Math.log10(s / x.length);
    }

    private static void assertLike(float[] source, float[] decoded, int rate, double maxExtraSeconds, double maxDb, String what) {
        double srcSeconds = source.length / (double) RATE;
        double gotSeconds = decoded.length / (double) rate;
        assertTrue(gotSeconds >= srcSeconds - 0.001 && gotSeconds <= srcSeconds + maxExtraSeconds,
                what + ": decoded " + gotSeconds + " s, source " + srcSeconds + " s");
        double diff = Math.abs(rmsDb(decoded) - rmsDb(source));
        assertTrue(diff < maxDb, what + ": level differs by " + diff + " dB");
    }

    @Test
    void wavStreamDecodesToTheSameSamples() throws Exception {
        float[] x = signal();
        AudioClip clip = AudioReader.decode(encode(OutputFormat.WAV, x), "stream.wav");
        assertEquals(RATE, clip.sampleRate());
        assertEquals(x.length, clip.frames());
        assertLike(x, clip.mono(), RATE, 0, 0.01, "wav");
    }

    @Test
    void pcmIsSixteenBitLittleEndian() throws Exception {
        float[] x = signal();
        byte[] pcm = encode(OutputFormat.PCM, x);
        assertEquals(2 * x.length, pcm.length);
        float[] back = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            back[i] = (short) ((pcm[2 * i] & 0xFF) | pcm[2 * i + 1] << 8) / 32767f;
            assertEquals(x[i], back[i], 1.0 / 32767, "sample " + i);
        }
    }

    @Test
    void flacIsLossless() throws Exception {
        float[] x = signal();
        byte[] flac = encode(OutputFormat.FLAC, x);
        AudioClip clip = AudioReader.decode(flac, "stream.flac");
        assertEquals(RATE, clip.sampleRate());
        assertEquals(x.length, clip.frames());
        float[] y = clip.mono();
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], y[i], 1.5 / 32767, "sample " + i);
        }
        assertTrue(flac.length < 2 * x.length, "FLAC should be smaller than 16-bit PCM: " + flac.length);
    }

    @Test
    void mp3DecodesWithTheSameLengthAndLevel() throws Exception {
        float[] x = signal();
        byte[] mp3 = encode(OutputFormat.MP3, x);
        AudioClip clip = AudioReader.decode(mp3, "stream.mp3");
        assertEquals(RATE, clip.sampleRate());
        // MP3 adds the encoder delay and pads to whole 1152-sample frames.
        assertLike(x, clip.mono(), RATE, 0.1, 1.0, "mp3");
        assertTrue(mp3.length < x.length / 2, "96 kbit/s MP3 should be far smaller than PCM: " + mp3.length);
    }

    @Test
    void opusInOggDecodesAt48kWithTheSameLengthAndLevel() throws Exception {
        float[] x = signal();
        OggOpusReader.Decoded d = OggOpusReader.read(encode(OutputFormat.OPUS, x));
        assertEquals(RATE, d.inputRate());
        assertTrue(d.pages() >= 4, "audio should be spread over pages as it streams: " + d.pages());
        // Pre-skip and the final granule position trim the codec's delay and padding exactly.
        assertEquals(Math.ceil(x.length * 48_000.0 / RATE), d.samples().length, 1);
        assertLike(x, d.samples(), 48_000, 0.001, 0.5, "opus");
    }

    @Test
    void formatsByNameAndExtension() {
        assertEquals(OutputFormat.OPUS, OutputFormat.ofFile(Path.of("book.ogg")));
        assertEquals(OutputFormat.MP3, OutputFormat.ofFile(Path.of("dir/Book.MP3")));
        assertEquals(null, OutputFormat.ofFile(Path.of("book.txt")));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> OutputFormat.parse("aac", "response_format"));
        assertTrue(e.getMessage().contains("aac") && e.getMessage().contains("wav, pcm, flac, mp3, opus"), e.getMessage());
    }

    @Test
    void aWavStreamPassesEachWriteOnAtOnceAndAnEmptyOneStillGetsItsHeader() throws Exception {
        ByteArrayOutputStream socket = new ByteArrayOutputStream();
        AudioEncoder e = AudioEncoder.open(OutputFormat.WAV, new java.io.BufferedOutputStream(socket, 1 << 16), RATE);
        e.write(new float[100], 0, 100);
        int afterFirst = socket.size();
        assertTrue(afterFirst >= 44 + 200, "the first 100 samples should have reached the stream, " + afterFirst + " bytes did");
        e.write(new float[50], 0, 50);
        assertEquals(afterFirst + 100, socket.size());
        e.finish();
        assertEquals(150, AudioReader.decode(socket.toByteArray(), "stream.wav").frames());

        ByteArrayOutputStream empty = new ByteArrayOutputStream();
        AudioEncoder none = AudioEncoder.open(OutputFormat.WAV, new java.io.BufferedOutputStream(empty, 1 << 16), RATE);
        none.finish();
        assertTrue(empty.size() >= 44, "an empty stream still carries its header, got " + empty.size() + " bytes");
    }
}
