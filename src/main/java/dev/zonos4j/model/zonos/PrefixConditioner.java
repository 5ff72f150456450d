package dev.zonos4j.model.zonos;

import dev.zonos4j.model.zonos.ZonosConfig.ConditionerConfig;
import dev.zonos4j.tensor.Kernels;
import dev.zonos4j.util.InvalidInputException;

/**
 * Upstream's PrefixConditioner: each conditioner's output (the phoneme rows, then one row each), concatenated
 * along time in config order, projected, then LayerNorm (eps 1e-5). The unconditional row uses the same
 * phonemes and the learned unconditional vector of every conditioner that has one.
 */
final class PrefixConditioner {
    private static final float TWO_PI = (float) (2 * Math.PI);
    private static final float NORM_EPS = 1e-5f;

    private final ZonosWeights.Conditioner[] conditioners;
    private final ZonosWeights w;
    private final Kernels kernels;
    private final int d;

    PrefixConditioner(ZonosWeights w, int dModel, Kernels kernels) {
        this.w = w;
        this.conditioners = w.conditioners;
        this.kernels = kernels;
        this.d = dModel;
    }

    int count() {
        return conditioners.length;
    }

    String name(int i) {
        return conditioners[i].config().name();
    }

    /** Conditioner i's output rows [len, d] for the conditional ({@code cond}) or unconditional row. */
    float[] part(int i, ConditioningInputs in, boolean cond) {
        ZonosWeights.Conditioner c = conditioners[i];
        ConditionerConfig cfg = c.config();
        boolean useInput = cond || c.uncond() == null;
        Object input = useInput ? input(cfg, in) : null;
        if (input == null) {
            if (c.uncond() == null) {
                throw new InvalidInputException("conditioner '" + cfg.name() + "' needs an input and has no unconditional vector");
            }
            return c.uncond().clone();
        }
        float[] raw = switch (cfg.type()) {
            case ESPEAK -> table(c, (int[]) input, 0);
            case INTEGER -> table(c, new int[] {(Integer) input}, (int) cfg.minVal());
            case FOURIER -> fourier(c, (float[]) input);
            case PASSTHROUGH -> passthrough(cfg, (float[]) input);
        };
        if (c.project() == null) {
            return raw;
        }
        int rows = raw.length / c.project().cols();
        float[] out = new float[rows * d];
        kernels.matmul(c.project(), raw, rows, out);
        addBias(out, rows, c.projectBias());
        return out;
    }

    /** The conditioner outputs concatenated along time: [L, d], the input of the prefix projection. */
    float[] concat(ConditioningInputs in, boolean cond) {
        float[][] parts = new float[conditioners.length][];
        int total = 0;
        for (int i = 0; i < parts.length; i++) {
            parts[i] = part(i, in, cond);
            total += parts[i].length;
        }
        float[] out = new float[total];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** The prefix projection (Linear d -> d with bias, or identity) over L rows. */
    float[] project(float[] concat) {
        int rows = concat.length / d;
        if (w.prefixProject == null) {
            return concat.clone();
        }
        float[] out = new float[concat.length];
        kernels.matmul(w.prefixProject, concat, rows, out);
        addBias(out, rows, w.prefixProjectBias);
        return out;
    }

    /** The final LayerNorm over L rows. */
    float[] normalize(float[] projected) {
        float[] out = new float[projected.length];
        kernels.layerNorm(projected, out, projected.length / d, w.prefixNormWeight, w.prefixNormBias, NORM_EPS);
        return out;
    }

    Conditioning prepare(ConditioningInputs in) {
        float[] cond = normalize(project(concat(in, true)));
        float[] uncond = normalize(project(concat(in, false)));
        return new Conditioning(cond.length / d, d, cond, uncond);
    }

    private Object input(ConditionerConfig cfg, ConditioningInputs in) {
        return switch (cfg.name()) {
            case "espeak" -> in.phonemeIds();
            case "speaker" -> in.speaker();
            case "emotion" -> normalizedEmotion(in.emotion());
            case "fmax" -> new float[] {in.fmax()};
            case "pitch_std" -> new float[] {in.pitchStd()};
            case "speaking_rate" -> new float[] {in.speakingRate()};
            case "language_id" -> in.languageId();
            case "vqscore_8" -> in.hybrid().vqscore8();
            case "ctc_loss" -> in.hybrid().ctcLoss() == null ? null : new float[] {in.hybrid().ctcLoss()};
            case "dnsmos_ovrl" -> in.hybrid().dnsmosOvrl() == null ? null : new float[] {in.hybrid().dnsmosOvrl()};
            case "speaker_noised" -> in.hybrid().speakerNoised() == null ? null : in.hybrid().speakerNoised() ? 1 : 0;
            default -> null;
        };
    }

    /** make_cond_dict divides the emotion vector by its sum (float32). */
    private static float[] normalizedEmotion(float[] e) {
        float sum = 0;
        for (float v : e) {
            sum += v;
        }
        for (int i = 0; i < e.length; i++) {
            e[i] /= sum;
        }
        return e;
    }

    private float[] table(ZonosWeights.Conditioner c, int[] ids, int min) {
        float[] out = new float[ids.length * d];
        int rows = c.table().rows();
        for (int t = 0; t < ids.length; t++) {
            int row = ids[t] - min;
            if (row < 0 || row >= rows) {
                throw new InvalidInputException("conditioner '" + c.config().name() + "': value " + ids[t]
                        + " is outside " + min + ".." + (min + rows - 1));
            }
            c.table().copyRow(row, out, t * d);
        }
        return out;
    }

    /** x' = (x - min) / (max - min); f = (2 pi x') W^T; [cos f | sin f], all float32 as upstream. */
    private float[] fourier(ZonosWeights.Conditioner c, float[] x) {
        ConditionerConfig cfg = c.config();
        int inDim = cfg.inputDim();
        if (x.length != inDim) {
            throw new InvalidInputException("conditioner '" + cfg.name() + "' takes " + inDim + " values, got " + x.length);
        }
        float min = (float) cfg.minVal();
        float range = (float) (cfg.maxVal() - cfg.minVal());
        float[] scaled = new float[inDim];
        for (int i = 0; i < inDim; i++) {
            scaled[i] = TWO_PI * ((x[i] - min) / range);
        }
        int half = d / 2;
        float[] out = new float[d];
        for (int j = 0; j < half; j++) {
            float f = 0;
            for (int i = 0; i < inDim; i++) {
                f += scaled[i] * c.fourier()[j * inDim + i];
            }
            out[j] = (float) Math.cos(f);
            out[half + j] = (float) Math.sin(f);
        }
        return out;
    }

    private static float[] passthrough(ConditionerConfig cfg, float[] x) {
        if (x.length != cfg.condDim()) {
            throw new InvalidInputException("conditioner '" + cfg.name() + "' takes " + cfg.condDim() + " values, got " + x.length);
        }
        return x.clone();
    }

    private void addBias(float[] x, int rows, float[] bias) {
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < d; i++) {
                x[r * d + i] += bias[i];
            }
        }
    }
}
