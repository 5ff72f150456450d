package dev.zonos4j.engine;

import dev.zonos4j.audio.TestAudio;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/** Codecs whose audio the quality tests choose, so each check has a known answer. */
final class ScriptedCodecs {
    static final int RATE = 44_100;

    private ScriptedCodecs() {
    }

    /** Speech-like bursts: 1.2 s, 0.3 s on and 0.1 s off. */
    static float[] speech() {
        return TestAudio.bursts(1.2, 0.3, 0.1, 0.01, RATE);
    }

    /**
     * Speech-like bursts (which end on a burst) with a share of samples at full scale set by the codes: level 0 to 3 of
     * {@link #CLIPPED_SHARES}, from a hash of the codes, so each take has its own, reproducible, amount of clipping.
     */
    static final class Clipping implements CodecPort {
        static final double[] CLIPPED_SHARES = {0, 0.005, 0.01, 0.02};
        final List<int[][]> decoded = new ArrayList<>();

        static int level(int[][] codes) {
            return Math.floorMod(Arrays.deepHashCode(codes), CLIPPED_SHARES.length);
        }

        static float[] audio(int level) {
            float[] x = speech();
            int spikes = (int) Math.round(CLIPPED_SHARES[level] * x.length);
            // Spikes inside the bursts only: the pauses stay silent, so the speech is still found.
            for (int k = 0; k < spikes; k++) {
                int i = (int) ((long) k * x.length / spikes);
                while (x[i] == 0) {
                    i++;
                }
                x[i] = 1f;
            }
            return x;
        }

        @Override
        public int sampleRate() {
            return RATE;
        }

        @Override
        public int samplesPerFrame() {
            return 512;
        }

        @Override
        public synchronized float[] decode(int[][] codes) {
            decoded.add(codes);
            return audio(level(codes));
        }
    }

    /** The n-th decode call's audio is {@code audio.apply(n)}, whatever the codes. */
    static final class ByCall implements CodecPort {
        private final IntFunction<float[]> audio;
        private int calls;

        ByCall(IntFunction<float[]> audio) {
            this.audio = audio;
        }

        @Override
        public int sampleRate() {
            return RATE;
        }

        @Override
        public int samplesPerFrame() {
            return 512;
        }

        @Override
        public synchronized float[] decode(int[][] codes) {
            return audio.apply(calls++).clone();
        }
    }
}
