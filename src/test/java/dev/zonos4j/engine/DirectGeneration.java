package dev.zonos4j.engine;

import dev.zonos4j.model.zonos.ConditioningInputs;
import dev.zonos4j.model.zonos.SamplingParams;
import dev.zonos4j.model.zonos.ZonosModel;
import dev.zonos4j.text.Language;
import dev.zonos4j.text.Segment;
import dev.zonos4j.text.TextFrontEnd;
import java.util.Arrays;

/**
 * One segment generated straight through the model, without the engine: what the engine must produce for it,
 * given the voice, the prefix and the seed rule. Tests compare the engine's codes against this.
 */
final class DirectGeneration {
    private DirectGeneration() {
    }

    /** New codes [9][frames] of segment {@code s} (first attempt), default conditioning but {@code speaker}. */
    static int[][] codes(ZonosModel lm, Segment s, float[] speaker, int[][] prefix, SamplingParams sampling, long requestSeed,
            int maxFrames) {
        Language en = Language.of("en-us");
        int[] ids = TextFrontEnd.shared().prepare(s.text(), en).tokenIds();
        ConditioningInputs inputs = new ConditioningInputs(ids, speaker, ConditioningInputs.DEFAULT_EMOTION,
                ConditioningInputs.DEFAULT_FMAX, ConditioningInputs.DEFAULT_PITCH_STD, ConditioningInputs.DEFAULT_SPEAKING_RATE,
                en.id());
        int[][] all = lm.generate(lm.prepareConditioning(inputs), prefix, sampling, 2f,
                SegmentJob.seedFor(requestSeed, s.index(), 0), maxFrames);
        int p = prefix == null ? 0 : prefix[0].length;
        int[][] out = new int[all.length][];
        for (int k = 0; k < all.length; k++) {
            out[k] = Arrays.copyOfRange(all[k], p, all[k].length);
        }
        return out;
    }

    /** The last {@code frames} frames of {@code codes}. */
    static int[][] tail(int[][] codes, int frames) {
        int[][] out = new int[codes.length][];
        for (int k = 0; k < codes.length; k++) {
            out[k] = Arrays.copyOfRange(codes[k], Math.max(0, codes[k].length - frames), codes[k].length);
        }
        return out;
    }
}
