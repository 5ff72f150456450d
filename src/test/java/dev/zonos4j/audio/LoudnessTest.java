package dev.zonos4j.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** BS.1770-4 facts and the EBU Tech 3341 test signals, built here as sines. */
class LoudnessTest {

    @Test
    void kWeightingAt48kHzIsThePublishedFilter() {
        // ITU-R BS.1770-4, tables 1 and 2.
        Loudness.Biquad s = Loudness.shelf(48000);
        assertEquals(1.53512485958697, s.b0(), 1e-8);
        assertEquals(-2.69169618940638, s.b1(), 1e-8);
        assertEquals(1.19839281085285, s.b2(), 1e-8);
        assertEquals(-1.69065929318241, s.a1(), 1e-8);
        assertEquals(0.73248077421585, s.a2(), 1e-8);
        Loudness.Biquad h = Loudness.highPass(48000);
        assertEquals(1.0, h.b0());
        assertEquals(-2.0, h.b1());
        assertEquals(1.0, h.b2());
        assertEquals(-1.99004745483398, h.a1(), 1e-8);
        assertEquals(0.99007225036621, h.a2(), 1e-8);
    }

    @Test
    void fullScale997HzSineInOneChannelIsMinus3LufsAtAnyRate() {
        // BS.1770-4: a 0 dBFS 1 kHz sine in one of L, R, C reads -3.01 LKFS.
        for (int rate : new int[] {8000, 11025, 16000, 22050, 24000, 44100, 48000, 96000}) {
            AudioClip clip = new AudioClip(new float[][] {TestAudio.sine(997, 1.0, 3, rate)}, rate);
            assertEquals(-3.01, Loudness.integrated(clip), 0.05, rate + " Hz");
        }
    }

    @Test
    void stereoSineAtMinus23DbfsIsMinus23Lufs() {
        // EBU Tech 3341 case 1 (shortened: the result does not depend on length).
        float[] x = TestAudio.sine(1000, Math.pow(10, -23 / 20.0), 5, 48000);
        assertEquals(-23.0, Loudness.integrated(new AudioClip(new float[][] {x, x}, 48000)), 0.1);
    }

    @Test
    void absoluteAndRelativeGatesDropQuietParts() {
        // EBU Tech 3341 case 4: -72, -36, -23, -36, -72 dBFS for 10, 10, 60, 10, 10 s reads -23 LUFS.
        int rate = 8000;
        float[] x = concat(rate, new double[] {-72, -36, -23, -36, -72}, new double[] {10, 10, 60, 10, 10});
        assertEquals(-23.0, Loudness.integrated(new AudioClip(new float[][] {x, x}, rate)), 0.1);
        // Case 5: -26, -20, -26 dBFS for 20, 20.1, 20 s reads -23 LUFS (energy average, nothing gated).
        float[] y = concat(rate, new double[] {-26, -20, -26}, new double[] {20, 20.1, 20});
        assertEquals(-23.0, Loudness.integrated(new AudioClip(new float[][] {y, y}, rate)), 0.1);
    }

    @Test
    void theSameToneReadsTheSameAtEveryRate() {
        for (double hz : new double[] {100, 1000, 5000}) {
            double reference = Loudness.integrated(new AudioClip(new float[][] {TestAudio.sine(hz, 0.3, 2, 48000)}, 48000));
            for (int rate : new int[] {32000, 44100, 88200, 96000, 192000}) {
                AudioClip clip = new AudioClip(new float[][] {TestAudio.sine(hz, 0.3, 2, rate)}, rate);
                assertEquals(reference, Loudness.integrated(clip), 0.05, hz + " Hz tone at " + rate + " Hz");
            }
        }
        // The shelf lifts high frequencies by about 4 dB (+0.7 dB already at 1 kHz); the analog RLB high-pass
        // (38 Hz, Q 0.5) takes 8.3 dB off a 30 Hz tone.
        double at1k = Loudness.integrated(new AudioClip(new float[][] {TestAudio.sine(1000, 0.3, 2, 48000)}, 48000));
        double at5k = Loudness.integrated(new AudioClip(new float[][] {TestAudio.sine(5000, 0.3, 2, 48000)}, 48000));
        double at30 = Loudness.integrated(new AudioClip(new float[][] {TestAudio.sine(30, 0.3, 2, 48000)}, 48000));
        assertEquals(3.6, at5k - at1k, 0.5);
        assertEquals(-9.0, at30 - at1k, 0.3);
    }

    @Test
    void shortSilentAndEmptyClips() {
        // Shorter than one 400 ms block: measured as one block.
        assertEquals(-3.01, Loudness.integrated(new AudioClip(new float[][] {TestAudio.sine(997, 1, 0.2, 48000)}, 48000)), 0.1);
        assertEquals(Double.NEGATIVE_INFINITY, Loudness.integrated(new AudioClip(new float[][] {new float[48000]}, 48000)));
        assertEquals(Double.NEGATIVE_INFINITY, Loudness.integrated(new AudioClip(new float[][] {new float[0]}, 48000)));
        float[] quiet = TestAudio.sine(1000, Math.pow(10, -80 / 20.0), 2, 48000);
        assertEquals(Double.NEGATIVE_INFINITY, Loudness.integrated(new AudioClip(new float[][] {quiet}, 48000)));
    }

    private static float[] concat(int rate, double[] dbfs, double[] seconds) {
        int total = 0;
        for (double s : seconds) {
            total += (int) Math.round(s * rate);
        }
        float[] x = new float[total];
        int at = 0;
        for (int k = 0; k < dbfs.length; k++) {
            int n = (int) Math.round(seconds[k] * rate);
            double a = Math.pow(10, dbfs[k] / 20);
            for (int i = 0; i < n; i++, at++) {
                x[at] = (float) (a * Math.sin(2 * Math.PI * 1000.0 * at / rate));
            }
        }
        return x;
    }
}
