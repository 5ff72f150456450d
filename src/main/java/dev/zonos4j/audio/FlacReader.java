package dev.zonos4j.audio;

import dev.zonos4j.util.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.jflac.FLACDecoder;
import org.jflac.FrameListener;
import org.jflac.frame.Frame;
import org.jflac.metadata.Metadata;
import org.jflac.metadata.StreamInfo;

/**
 * FLAC decoding through jflac-codec, taking each frame's integer samples straight from the decoder. Any error the
 * decoder reports (frame CRC mismatch, lost sync, early end) makes the file corrupt: never silently wrong audio.
 */
final class FlacReader {

    private FlacReader() {
    }

    static boolean looksLikeFlac(byte[] d) {
        return d.length >= 4 && d[0] == 'f' && d[1] == 'L' && d[2] == 'a' && d[3] == 'C';
    }

    static AudioClip decode(byte[] d, String name) {
        FLACDecoder decoder = new FLACDecoder(new ByteArrayInputStream(d));
        StreamInfo info;
        try {
            decoder.readMetadata();
            info = decoder.getStreamInfo();
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(name + ": corrupt FLAC header (" + describe(e) + ")", e);
        }
        if (info == null) {
            throw new InvalidInputException(name + ": FLAC file without a STREAMINFO block");
        }
        Collector collector = new Collector(decoder, info);
        decoder.addFrameListener(collector);
        try {
            decoder.decodeFrames();
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(name + ": corrupt FLAC audio after " + collector.frames
                    + " samples (" + describe(e) + ")", e);
        }
        if (collector.error != null && collector.error.contains("EOFException")) {
            throw new InvalidInputException(name + ": corrupt or truncated FLAC audio: a frame runs past the end of the file"
                    + " (after " + collector.frames + " samples)");
        }
        if (collector.error != null) {
            throw new InvalidInputException(name + ": corrupt FLAC audio after " + collector.frames + " samples ("
                    + collector.error.trim() + ")");
        }
        if (decoder.getBadFrames() > 0) {
            throw new InvalidInputException(name + ": corrupt FLAC audio: " + decoder.getBadFrames() + " undecodable frame(s)");
        }
        long expected = info.getTotalSamples();
        if (expected > 0 && collector.frames < expected) {
            throw new InvalidInputException(name + ": truncated FLAC file: " + collector.frames + " of " + expected
                    + " samples decoded");
        }
        return collector.clip();
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Gathers the decoded integer samples of every frame, scaled to [-1, 1]. */
    private static final class Collector implements FrameListener {
        private final FLACDecoder decoder;
        private final StreamInfo info;
        private final float scale;
        private float[][] channels;
        private int frames;
        private String error;

        Collector(FLACDecoder decoder, StreamInfo info) {
            this.decoder = decoder;
            this.info = info;
            this.scale = 1f / (1L << (info.getBitsPerSample() - 1));
            int initial = (int) Math.min(Math.max(info.getTotalSamples(), 4096), 1 << 26);
            this.channels = new float[info.getChannels()][initial];
        }

        @Override
        public void processMetadata(Metadata metadata) {
        }

        @Override
        public void processFrame(Frame frame) {
            if (error != null) {
                return;
            }
            int n = frame.header.blockSize;
            if (frame.header.channels != channels.length) {
                error = "a frame has " + frame.header.channels + " channels, the stream " + channels.length;
                return;
            }
            if (frames + n > channels[0].length) {
                int grown = Math.max(frames + n, channels[0].length * 2);
                for (int c = 0; c < channels.length; c++) {
                    channels[c] = Arrays.copyOf(channels[c], grown);
                }
            }
            for (int c = 0; c < channels.length; c++) {
                int[] src = decoder.getChannelData()[c].getOutput();
                float[] dst = channels[c];
                for (int i = 0; i < n; i++) {
                    dst[frames + i] = src[i] * scale;
                }
            }
            frames += n;
        }

        @Override
        public void processError(String message) {
            if (error == null) {
                error = message;
            }
        }

        AudioClip clip() {
            float[][] out = new float[channels.length][];
            for (int c = 0; c < channels.length; c++) {
                out[c] = channels[c].length == frames ? channels[c] : Arrays.copyOf(channels[c], frames);
            }
            return new AudioClip(out, info.getSampleRate());
        }
    }
}
