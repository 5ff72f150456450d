package dev.zonos4j.audio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Test signals and a WAV writer for every encoding the reader supports. */
public final class TestAudio {

    /** WAV sample encodings. */
    public enum Encoding {
        PCM8(1, 8), PCM16(1, 16), PCM24(1, 24), PCM32(1, 32), FLOAT32(3, 32), FLOAT64(3, 64);

        final int code;
        final int bits;

        Encoding(int code, int bits) {
            this.code = code;
            this.bits = bits;
        }

        /** The largest decoding error for a sample in [-1, 1). */
        public double step() {
            return code == 3 ? 1e-7 : 1.0 / (1L << (bits - 1));
        }
    }

    private TestAudio() {
    }

    /** Sine of {@code amplitude} at {@code hz}. */
    public static float[] sine(double hz, double amplitude, double seconds, int rate) {
        float[] x = new float[(int) Math.round(seconds * rate)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return x;
    }

    /**
     * Speech-like bursts: a 150 Hz harmonic complex with 10 ms raised-cosine ramps, {@code onSeconds} on and
     * {@code offSeconds} off, starting with silence; each burst has mean power {@code burstPower}.
     */
    public static float[] bursts(double seconds, double onSeconds, double offSeconds, double burstPower, int rate) {
        float[] x = new float[(int) Math.round(seconds * rate)];
        int on = (int) Math.round(onSeconds * rate);
        int period = on + (int) Math.round(offSeconds * rate);
        int ramp = (int) Math.round(0.010 * rate);
        // Harmonics 1..5 with amplitudes 1/k have power sum(1/k^2)/2.
        double norm = 0;
        for (int k = 1; k <= 5; k++) {
            norm += 1.0 / (k * k) / 2;
        }
        double scale = Math.sqrt(burstPower / norm);
        int off = period - on;
        for (int i = 0; i < x.length; i++) {
            int p = i % period - off;
            if (p < 0) {
                continue;
            }
            double env = p < ramp ? 0.5 - 0.5 * Math.cos(Math.PI * p / ramp)
                    : p >= on - ramp ? 0.5 - 0.5 * Math.cos(Math.PI * (on - p) / ramp) : 1;
            double v = 0;
            for (int k = 1; k <= 5; k++) {
                v += Math.sin(2 * Math.PI * 150 * k * i / rate) / k;
            }
            x[i] = (float) (scale * env * v);
        }
        return x;
    }

    /** Seconds of burst (on) time in {@link #bursts}' output. */
    public static double burstSeconds(double seconds, double onSeconds, double offSeconds) {
        double period = onSeconds + offSeconds;
        long full = (long) Math.floor(seconds / period);
        double rest = seconds - full * period;
        return full * onSeconds + Math.max(0, rest - offSeconds);
    }

    /** Adds white Gaussian noise of the given power, seeded. */
    public static float[] plusNoise(float[] x, double power, long seed) {
        Random r = new Random(seed);
        double sigma = Math.sqrt(power);
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) (x[i] + sigma * r.nextGaussian());
        }
        return y;
    }

    /** A WAV file's bytes. */
    public static byte[] wav(AudioClip clip, Encoding e, boolean extensible) {
        int ch = clip.channelCount();
        int bytes = e.bits / 8;
        ByteBuffer data = ByteBuffer.allocate(clip.frames() * ch * bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < clip.frames(); i++) {
            for (int c = 0; c < ch; c++) {
                putSample(data, clip.channels()[c][i], e);
            }
        }
        return riff(fmt(e, ch, clip.sampleRate(), extensible), chunk("data", data.array()));
    }

    /** Writes {@link #wav} to a file. */
    public static Path writeWav(Path file, AudioClip clip, Encoding e) {
        try {
            Files.write(file, wav(clip, e, false));
            return file;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The 'fmt ' chunk. */
    public static byte[] fmt(Encoding e, int channels, int rate, boolean extensible) {
        ByteBuffer b = ByteBuffer.allocate(extensible ? 40 : 16).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) (extensible ? 0xFFFE : e.code)).putShort((short) channels).putInt(rate)
                .putInt(rate * channels * e.bits / 8).putShort((short) (channels * e.bits / 8)).putShort((short) e.bits);
        if (extensible) {
            b.putShort((short) 22).putShort((short) e.bits).putInt(channels == 2 ? 3 : 4)
                    .putShort((short) e.code)
                    .put(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
        }
        return chunk("fmt ", b.array());
    }

    /** A chunk with its pad byte when the size is odd. */
    public static byte[] chunk(String id, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(8 + body.length + (body.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(id.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(body.length).put(body);
        return b.array();
    }

    /** RIFF/WAVE around the given chunks. */
    public static byte[] riff(byte[]... chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int size = 4;
        for (byte[] c : chunks) {
            size += c.length;
        }
        ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        head.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(size)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.writeBytes(head.array());
        for (byte[] c : chunks) {
            out.writeBytes(c);
        }
        return out.toByteArray();
    }

    private static void putSample(ByteBuffer b, float v, Encoding e) {
        double x = Math.max(-1, Math.min(v, 1));
        switch (e) {
            case PCM8 -> b.put((byte) (quantize(x, 8) + 128));
            case PCM16 -> b.putShort((short) quantize(x, 16));
            case PCM24 -> {
                int q = (int) quantize(x, 24);
                b.put((byte) q).put((byte) (q >> 8)).put((byte) (q >> 16));
            }
            case PCM32 -> b.putInt((int) quantize(x, 32));
            case FLOAT32 -> b.putFloat(v);
            case FLOAT64 -> b.putDouble(v);
        }
    }

    private static long quantize(double x, int bits) {
        long max = (1L << (bits - 1)) - 1;
        return Math.max(-max - 1, Math.min(max, Math.round(x * (max + 1))));
    }
}
