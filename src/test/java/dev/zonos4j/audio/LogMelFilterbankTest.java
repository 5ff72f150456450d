package dev.zonos4j.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.util.InvalidInputException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogMelFilterbankTest {

    @Test
    void fftMatchesTheDirectTransform() {
        int n = 64;
        Fft fft = new Fft(n);
        SplittableRandom r = new SplittableRandom(5);
        double[] re = new double[n];
        double[] im = new double[n];
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble() - 0.5;
            re[i] = x[i];
        }
        fft.forward(re, im);
        for (int f = 0; f < n; f++) {
            double sr = 0;
            double si = 0;
            for (int t = 0; t < n; t++) {
                sr += x[t] * Math.cos(2 * Math.PI * f * t / n);
                si -= x[t] * Math.sin(2 * Math.PI * f * t / n);
            }
            assertEquals(sr, re[f], 1e-12);
            assertEquals(si, im[f], 1e-12);
        }
    }

    @Test
    void aToneLandsInItsMelBinAndFramesFollowTheHop() {
        LogMelFilterbank fb = LogMelFilterbank.speaker();
        int n = 16000;
        float[] tone = new float[n];
        for (int i = 0; i < n; i++) {
            tone[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / 16000.0));
        }
        float[] mel = fb.melPower(tone);
        int frames = fb.frames(n);
        assertEquals(101, frames);
        assertEquals(80 * frames, mel.length);
        int best = 0;
        for (int m = 1; m < 80; m++) {
            if (mel[m * frames + 50] > mel[best * frames + 50]) {
                best = m;
            }
        }
        // HTK mel of 1 kHz is 1000.0; the 80 bins span mel(0)..mel(8000) = 2840 in 81 steps
        double centre = 2840.02 / 81 * (best + 1);
        assertTrue(Math.abs(centre - 1000.0) < 40, "peak in mel bin " + best + " centred at mel " + centre);
        float[] logMel = fb.logMel(tone);
        for (int m = 0; m < 80; m++) {
            double mean = 0;
            for (int t = 0; t < frames; t++) {
                mean += logMel[m * frames + t];
            }
            assertEquals(0, mean / frames, 1e-5, "bin " + m + " is mean-normalised");
        }
    }

    @Test
    void refusesAudioShorterThanThePadding() {
        assertThrows(InvalidInputException.class, () -> LogMelFilterbank.speaker().logMel(new float[256]));
        assertEquals(2, LogMelFilterbank.speaker().logMel(new float[257]).length / 80);
    }
}
