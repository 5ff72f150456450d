package dev.zonos4j.audio;

import dev.zonos4j.util.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.UnsupportedAudioFileException;
import javazoom.spi.mpeg.sampled.convert.MpegFormatConversionProvider;
import javazoom.spi.mpeg.sampled.file.MpegAudioFileReader;

/**
 * MP3 through mp3spi (over JLayer), decoded to 16-bit PCM. The provider is called directly rather than through
 * {@code AudioSystem}, whose provider search lets one codec claim another's files.
 */
final class Mp3Reader {

    private Mp3Reader() {
    }

    static AudioClip decode(byte[] d, String name) {
        byte[] pcm;
        int channels;
        float rate;
        try {
            AudioInputStream encoded = new MpegAudioFileReader().getAudioInputStream(new ByteArrayInputStream(d));
            AudioFormat source = encoded.getFormat();
            channels = source.getChannels();
            rate = source.getSampleRate();
            if (channels <= 0 || rate <= 0) {
                throw new InvalidInputException(name + ": MP3 stream without a channel count or sample rate");
            }
            AudioFormat target = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, rate, 16, channels, 2 * channels, rate, false);
            try (AudioInputStream decoded = new MpegFormatConversionProvider().getAudioInputStream(target, encoded)) {
                pcm = decoded.readAllBytes();
            }
        } catch (UnsupportedAudioFileException e) {
            throw new InvalidInputException(name + ": not a readable MP3 stream (no valid frame header)", e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException iie) {
                throw iie;
            }
            throw new InvalidInputException(name + ": corrupt MP3 audio (" + e + ")", e);
        }
        int frames = pcm.length / (2 * channels);
        if (frames == 0) {
            throw new InvalidInputException(name + ": no MP3 audio could be decoded (empty or corrupt file)");
        }
        ByteBuffer buf = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN);
        float[][] ch = new float[channels][frames];
        for (int i = 0, p = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++, p += 2) {
                ch[c][i] = buf.getShort(p) / 32768f;
            }
        }
        return new AudioClip(ch, Math.round(rate));
    }
}
