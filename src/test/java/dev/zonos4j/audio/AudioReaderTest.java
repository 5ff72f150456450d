package dev.zonos4j.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.audio.TestAudio.Encoding;
import dev.zonos4j.util.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioReaderTest {

    @TempDir
    Path tmp;

    @Test
    void readsEveryWavEncodingMonoAndStereoPlainAndExtensible() {
        int[] rates = {7999, 11025, 22050, 44100, 96000};
        int r = 0;
        for (Encoding e : Encoding.values()) {
            for (int channels = 1; channels <= 2; channels++) {
                for (boolean extensible : new boolean[] {false, true}) {
                    int rate = rates[r++ % rates.length];
                    float[][] ch = new float[channels][];
                    for (int c = 0; c < channels; c++) {
                        ch[c] = TestAudio.sine(300 + 200 * c, 0.7, 0.05, rate);
                    }
                    AudioClip written = new AudioClip(ch, rate);
                    String name = e + (channels == 1 ? " mono" : " stereo") + (extensible ? " extensible" : "");
                    AudioClip read = AudioReader.decode(TestAudio.wav(written, e, extensible), name);
                    assertEquals(rate, read.sampleRate(), name);
                    assertEquals(channels, read.channelCount(), name);
                    assertEquals(written.frames(), read.frames(), name);
                    for (int c = 0; c < channels; c++) {
                        for (int i = 0; i < read.frames(); i++) {
                            assertEquals(ch[c][i], read.channels()[c][i], e.step(), name + " channel " + c + " sample " + i);
                        }
                    }
                }
            }
        }
    }

    @Test
    void integerSamplesDecodeToTheSameFloatsAtAnyBitDepth() {
        // 16-bit values shifted into 24 and 32 bits are the same numbers at full scale.
        float[] x = TestAudio.sine(440, 0.5, 0.02, 16000);
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.round(x[i] * 32768f) / 32768f;
        }
        AudioClip clip = new AudioClip(new float[][] {x}, 16000);
        float[] from16 = AudioReader.decode(TestAudio.wav(clip, Encoding.PCM16, false), "a").channels()[0];
        float[] from24 = AudioReader.decode(TestAudio.wav(clip, Encoding.PCM24, true), "b").channels()[0];
        float[] from32 = AudioReader.decode(TestAudio.wav(clip, Encoding.PCM32, false), "c").channels()[0];
        assertArrayEquals(x, from16);
        assertArrayEquals(x, from24);
        assertArrayEquals(x, from32);
    }

    @Test
    void toleratesOddChunksWithAndWithoutPadByteAndChunksInAnyOrder() {
        AudioClip clip = new AudioClip(new float[][] {TestAudio.sine(440, 0.5, 0.01, 8000)}, 8000);
        byte[] fmt = TestAudio.fmt(Encoding.PCM16, 1, 8000, false);
        byte[] data = Arrays.copyOfRange(TestAudio.wav(clip, Encoding.PCM16, false), 12 + fmt.length, 12 + fmt.length + 8 + 160);
        byte[] oddPadded = TestAudio.chunk("LIST", new byte[] {1, 2, 3});
        byte[] oddUnpadded = Arrays.copyOf(oddPadded, oddPadded.length - 1);
        for (byte[] wav : new byte[][] {
            TestAudio.riff(fmt, oddPadded, data),
            TestAudio.riff(fmt, oddUnpadded, data),
            TestAudio.riff(oddUnpadded, data, fmt),
            TestAudio.riff(data, oddPadded, fmt)}) {
            AudioClip read = AudioReader.decode(wav, "odd.wav");
            assertEquals(80, read.frames());
            assertEquals(clip.channels()[0][7], read.channels()[0][7], 1.0 / 32768);
        }
    }

    @Test
    void readsToEndWhenTheDataSizeIsAStreamingPlaceholder() {
        AudioClip clip = new AudioClip(new float[][] {TestAudio.sine(440, 0.5, 0.01, 8000)}, 8000);
        byte[] wav = TestAudio.wav(clip, Encoding.PCM16, false);
        ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putInt(4, -1).putInt(40, -1);
        assertEquals(80, AudioReader.decode(wav, "stream.wav").frames());
    }

    @Test
    void corruptOrUnsupportedWavIsAClearError() {
        AudioClip clip = new AudioClip(new float[][] {TestAudio.sine(440, 0.5, 0.01, 8000)}, 8000);
        byte[] wav = TestAudio.wav(clip, Encoding.PCM16, false);
        assertMessage(Arrays.copyOf(wav, wav.length - 20), "cut.wav", "cut.wav: truncated: the data chunk declares 160 bytes but only 140 remain");

        byte[] alaw = wav.clone();
        ByteBuffer.wrap(alaw).order(ByteOrder.LITTLE_ENDIAN).putShort(20, (short) 6).putShort(34, (short) 8).putShort(32, (short) 1);
        assertMessage(alaw, "alaw.wav", "alaw.wav: unsupported WAV encoding: A-law, 8 bits per sample"
                + " (supported: PCM 8/16/24/32-bit, IEEE float 32/64-bit)");

        byte[] noData = Arrays.copyOf(wav, 36);
        assertMessage(noData, "nodata.wav", "nodata.wav: no 'data' chunk");

        byte[] zeroChannels = wav.clone();
        ByteBuffer.wrap(zeroChannels).order(ByteOrder.LITTLE_ENDIAN).putShort(22, (short) 0);
        assertMessage(zeroChannels, "zero.wav", "zero.wav: the format declares 0 channels");
    }

    @Test
    void unknownFormatsAndMissingFilesAreClearErrors() throws IOException {
        assertMessage(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, "noise.bin", "noise.bin: not a recognised audio file (supported: WAV, FLAC, MP3, Ogg Vorbis)");
        assertMessage(new byte[0], "empty.wav", "empty.wav: empty file");
        assertMessage("FORM....AIFF".getBytes(), "a.aiff", "a.aiff: AIFF is not supported (supported: WAV, FLAC, MP3, Ogg Vorbis)");
        byte[] opus = new byte[64];
        System.arraycopy("OggS".getBytes(), 0, opus, 0, 4);
        System.arraycopy("OpusHead".getBytes(), 0, opus, 28, 8);
        assertMessage(opus, "a.opus", "a.opus: Ogg Opus is not supported (supported: WAV, FLAC, MP3, Ogg Vorbis)");

        Path missing = tmp.resolve("missing.wav");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> AudioReader.read(missing));
        assertEquals(missing + ": file not found", e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> AudioReader.read(tmp));
        assertEquals(tmp + ": is a directory, not an audio file", e.getMessage());
    }

    @Test
    void flacDecodesToExactlyTheSamplesOfTheWavItWasMadeFrom() throws IOException {
        AudioClip wav = AudioReader.decode(resource("stereo16.wav"), "stereo16.wav");
        AudioClip flac = AudioReader.decode(resource("stereo16.flac"), "stereo16.flac");
        assertEquals(16000, flac.sampleRate());
        assertEquals(2, flac.channelCount());
        assertEquals(4000, flac.frames());
        assertArrayEquals(wav.channels()[0], flac.channels()[0]);
        assertArrayEquals(wav.channels()[1], flac.channels()[1]);
        assertTrue(dominant(flac.channels()[0], 16000, 440, 660) && dominant(flac.channels()[1], 16000, 660, 440));
    }

    @Test
    void flac24BitMono() throws IOException {
        AudioClip clip = AudioReader.decode(resource("mono24.flac"), "mono24.flac");
        assertEquals(48000, clip.sampleRate());
        assertEquals(1, clip.channelCount());
        assertEquals(9600, clip.frames());
        float[] expected = TestAudio.sine(1000, 0.5, 0.2, 48000);
        for (int i = 0; i < clip.frames(); i++) {
            assertEquals(expected[i], clip.channels()[0][i], 1e-5, "sample " + i);
        }
    }

    @Test
    void corruptAndTruncatedFlacAreClearErrors() throws IOException {
        byte[] flac = resource("stereo16.flac");
        // Damage a few bytes at several places inside the audio frames: every one must be caught.
        for (int at : new int[] {flac.length - 40, flac.length - 400, flac.length - 2000, flac.length - 3}) {
            byte[] garbled = flac.clone();
            garbled[at] ^= 0x21;
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> AudioReader.decode(garbled, "bad.flac"),
                    "damage at byte " + at);
            assertTrue(e.getMessage().startsWith("bad.flac: corrupt"), e.getMessage());
        }
        InvalidInputException e;
        e = assertThrows(InvalidInputException.class, () -> AudioReader.decode(Arrays.copyOf(flac, flac.length / 2), "cut.flac"));
        assertTrue(e.getMessage().startsWith("cut.flac: "), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> AudioReader.decode(Arrays.copyOf(flac, 30), "head.flac"));
        assertTrue(e.getMessage().startsWith("head.flac: "), e.getMessage());
    }

    @Test
    void mp3() throws IOException {
        AudioClip clip = AudioReader.decode(resource("tone440.mp3"), "tone440.mp3");
        assertEquals(44100, clip.sampleRate());
        assertEquals(1, clip.channelCount());
        // 1 s encoded; MP3 adds encoder delay and padding of up to a few frames of 1152 samples.
        assertTrue(clip.seconds() >= 1.0 && clip.seconds() < 1.1, "duration " + clip.seconds());
        assertTrue(dominant(clip.channels()[0], 44100, 440, 1000));
        assertEquals(0.5 / Math.sqrt(2), rms(clip.channels()[0], 4410, 39690), 0.03);
    }

    @Test
    void oggVorbis() throws IOException {
        AudioClip clip = AudioReader.decode(resource("stereo440-880.ogg"), "stereo440-880.ogg");
        assertEquals(22050, clip.sampleRate());
        assertEquals(2, clip.channelCount());
        assertTrue(clip.seconds() >= 0.99 && clip.seconds() < 1.1, "duration " + clip.seconds());
        assertTrue(dominant(clip.channels()[0], 22050, 440, 880));
        assertTrue(dominant(clip.channels()[1], 22050, 880, 440));
        assertEquals(0.5 / Math.sqrt(2), rms(clip.channels()[0], 2205, 19845), 0.05);
    }

    @Test
    void corruptCompressedFilesAreClearErrors() throws IOException {
        byte[] junkMp3 = new byte[4096];
        System.arraycopy("ID3".getBytes(), 0, junkMp3, 0, 3);
        junkMp3[3] = 3;
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> AudioReader.decode(junkMp3, "junk.mp3"));
        assertTrue(e.getMessage().startsWith("junk.mp3: "), e.getMessage());
        byte[] ogg = resource("stereo440-880.ogg");
        e = assertThrows(InvalidInputException.class, () -> AudioReader.decode(Arrays.copyOf(ogg, 100), "cut.ogg"));
        assertTrue(e.getMessage().startsWith("cut.ogg: "), e.getMessage());
    }

    @Test
    void readsFromAFile() {
        AudioClip clip = new AudioClip(new float[][] {TestAudio.sine(440, 0.5, 0.1, 8000)}, 8000);
        Path file = TestAudio.writeWav(tmp.resolve("clip.flac"), clip, Encoding.PCM16);
        assertEquals(800, AudioReader.read(file).frames());
    }

    private static void assertMessage(byte[] data, String name, String message) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> AudioReader.decode(data, name));
        assertEquals(message, e.getMessage());
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = AudioReaderTest.class.getResourceAsStream("/audio/" + name)) {
            if (in == null) {
                throw new IOException("test resource /audio/" + name + " is missing");
            }
            return in.readAllBytes();
        }
    }

    /** Whether the power at {@code hz} exceeds the power at {@code other} a hundredfold. */
    private static boolean dominant(float[] x, int rate, double hz, double other) {
        return goertzel(x, rate, hz) > 100 * goertzel(x, rate, other);
    }

    private static double goertzel(float[] x, int rate, double hz) {
        double w = 2 * Math.PI * hz / rate;
        double re = 0;
        double im = 0;
        for (int i = 0; i < x.length; i++) {
            re += x[i] * Math.cos(w * i);
            im += x[i] * Math.sin(w * i);
        }
        return re * re + im * im;
    }

    private static double rms(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i] * x[i];
        }
        return Math.sqrt(s / (to - from));
    }
}
