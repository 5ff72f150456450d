package dev.zonos4j.audio;

import dev.zonos4j.util.InvalidInputException;

/**
 * The speaker encoder's front end, as torchaudio's {@code MelSpectrogram} plus Zonos' log and mean
 * normalisation compute it: a centred STFT (reflect padding of n_fft/2, periodic Hann window of win_length
 * zero-padded to n_fft in the middle), power |X|², an HTK-scale triangular mel filterbank without area
 * normalisation, then {@code ln(mel + 1e-6)} with each mel bin's mean over time subtracted.
 * The window and filterbank are built in float32 exactly as torch builds them; the STFT and sums run in
 * double and round once.
 */
public final class LogMelFilterbank {
    private static final double LOG_FLOOR = 1e-6;

    private final int sampleRate;
    private final int nFft;
    private final int winLength;
    private final int hop;
    private final int nMels;
    private final float[] window;  // (winLength), periodic Hann
    private final float[] melBank; // (nFft/2 + 1, nMels), torchaudio's fb layout
    private final int[] melFirst;  // per mel bin: first and one-past-last non-zero frequency bin
    private final int[] melEnd;
    private final Fft fft;

    public LogMelFilterbank(int sampleRate, int nFft, int winLength, int hop, int nMels, double fMin, double fMax) {
        if (sampleRate <= 0 || hop <= 0 || nMels <= 0 || winLength <= 0 || winLength > nFft || fMin < 0 || fMax <= fMin) {
            throw new IllegalArgumentException("bad mel front end: rate " + sampleRate + ", n_fft " + nFft + ", win "
                    + winLength + ", hop " + hop + ", mels " + nMels + ", f " + fMin + ".." + fMax);
        }
        this.sampleRate = sampleRate;
        this.nFft = nFft;
        this.winLength = winLength;
        this.hop = hop;
        this.nMels = nMels;
        this.fft = new Fft(nFft);
        this.window = hannWindow(winLength);
        this.melBank = melFilterbank(nFft / 2 + 1, fMin, fMax, nMels, sampleRate);
        this.melFirst = new int[nMels];
        this.melEnd = new int[nMels];
        int bins = nFft / 2 + 1;
        for (int m = 0; m < nMels; m++) {
            int first = bins;
            int end = 0;
            for (int f = 0; f < bins; f++) {
                if (melBank[f * nMels + m] != 0f) {
                    first = Math.min(first, f);
                    end = f + 1;
                }
            }
            melFirst[m] = Math.min(first, end);
            melEnd[m] = end;
        }
    }

    /** Zonos' speaker front end: 16 kHz, n_fft 512, 25 ms window, 10 ms hop, 80 mels over 0–8000 Hz. */
    public static LogMelFilterbank speaker() {
        return new LogMelFilterbank(16_000, 512, 400, 160, 80, 0.0, 8000.0);
    }

    /** torch.hann_window(n, periodic=True) in float32: 0.5 − 0.5·cos(2πi/n). */
    static float[] hannWindow(int n) {
        float[] w = new float[n];
        float step = (float) (2 * Math.PI / n);
        for (int i = 0; i < n; i++) {
            float c = (float) Math.cos((float) i * step);
            w[i] = c * -0.5f + 0.5f;
        }
        return w;
    }

    /** torchaudio.functional.melscale_fbanks(norm=None, mel_scale="htk") with its float32 arithmetic. */
    static float[] melFilterbank(int nFreqs, double fMin, double fMax, int nMels, int sampleRate) {
        float[] freqs = linspace(0f, sampleRate / 2, nFreqs);
        float[] mels = linspace((float) hzToMel(fMin), (float) hzToMel(fMax), nMels + 2);
        float[] fPts = new float[nMels + 2];
        for (int i = 0; i < fPts.length; i++) {
            float p = (float) Math.pow(10.0, mels[i] / 2595.0f);
            fPts[i] = 700.0f * (p - 1.0f);
        }
        float[] fb = new float[nFreqs * nMels];
        for (int f = 0; f < nFreqs; f++) {
            for (int m = 0; m < nMels; m++) {
                float down = (-1.0f * (fPts[m] - freqs[f])) / (fPts[m + 1] - fPts[m]);
                float up = (fPts[m + 2] - freqs[f]) / (fPts[m + 2] - fPts[m + 1]);
                fb[f * nMels + m] = Math.max(0f, Math.min(down, up));
            }
        }
        return fb;
    }

    private static double hzToMel(double hz) {
        return 2595.0 * Math.log10(1.0 + hz / 700.0);
    }

    /** torch.linspace in float32: the first half counts up from start, the second half down from end. */
    private static float[] linspace(float start, float end, int steps) {
        float[] out = new float[steps];
        if (steps == 1) {
            out[0] = start;
            return out;
        }
        float step = (end - start) / (steps - 1);
        int halfway = steps / 2;
        for (int i = 0; i < steps; i++) {
            out[i] = i < halfway ? start + step * i : end - step * (steps - i - 1);
        }
        return out;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int mels() {
        return nMels;
    }

    /** Frames for {@code samples} input samples: {@code 1 + ⌊samples / hop⌋} (centred framing). */
    public int frames(int samples) {
        return 1 + samples / hop;
    }

    /** The analysis window (win_length values, before zero padding to n_fft). */
    public float[] window() {
        return window.clone();
    }

    /** The filterbank, shape (n_fft/2 + 1, mels), laid out as torchaudio's {@code fb}. */
    public float[] filterbank() {
        return melBank.clone();
    }

    /** Mel power spectrogram, shape (mels, frames), as MelSpectrogram returns it. */
    public float[] melPower(float[] wav) {
        double[] mel = melPowerDouble(wav);
        float[] out = new float[mel.length];
        for (int i = 0; i < mel.length; i++) {
            out[i] = (float) mel[i];
        }
        return out;
    }

    /** The encoder input: ln(mel power + 1e-6) minus each mel bin's mean over time, shape (mels, frames). */
    public float[] logMel(float[] wav) {
        double[] mel = melPowerDouble(wav);
        int frames = mel.length / nMels;
        float[] out = new float[mel.length];
        for (int m = 0; m < nMels; m++) {
            double sum = 0;
            for (int t = 0; t < frames; t++) {
                double v = Math.log(mel[m * frames + t] + LOG_FLOOR);
                mel[m * frames + t] = v;
                sum += v;
            }
            double mean = sum / frames;
            for (int t = 0; t < frames; t++) {
                out[m * frames + t] = (float) (mel[m * frames + t] - mean);
            }
        }
        return out;
    }

    private double[] melPowerDouble(float[] wav) {
        int pad = nFft / 2;
        if (wav.length <= pad) {
            throw new InvalidInputException("audio too short for the speaker front end: " + wav.length + " samples at "
                    + sampleRate + " Hz; need more than " + pad + " (" + (pad * 1000 / sampleRate) + " ms)");
        }
        int frames = frames(wav.length);
        int bins = nFft / 2 + 1;
        int winStart = (nFft - winLength) / 2;
        double[] mel = new double[nMels * frames];
        double[] re = new double[nFft];
        double[] im = new double[nFft];
        double[] power = new double[bins];
        for (int t = 0; t < frames; t++) {
            java.util.Arrays.fill(re, 0);
            java.util.Arrays.fill(im, 0);
            for (int i = 0; i < winLength; i++) {
                re[winStart + i] = (double) window[i] * reflect(wav, t * hop + winStart + i - pad);
            }
            fft.forward(re, im);
            for (int f = 0; f < bins; f++) {
                power[f] = re[f] * re[f] + im[f] * im[f];
            }
            for (int m = 0; m < nMels; m++) {
                double s = 0;
                for (int f = melFirst[m]; f < melEnd[m]; f++) {
                    s += power[f] * melBank[f * nMels + m];
                }
                mel[m * frames + t] = s;
            }
        }
        return mel;
    }

    /** Sample i of the signal reflected at both ends without repeating the edge sample (torch "reflect"). */
    private static float reflect(float[] x, int i) {
        int n = x.length;
        if (i < 0) {
            return x[-i];
        }
        if (i >= n) {
            return x[2 * (n - 1) - i];
        }
        return x[i];
    }
}
