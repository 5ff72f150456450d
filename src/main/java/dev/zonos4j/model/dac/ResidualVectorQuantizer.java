package dev.zonos4j.model.dac;

import dev.zonos4j.tensor.Signal;
import java.util.Arrays;

/**
 * DAC's residual vector quantizer: {@code n} stages, each a 1×1 projection latent→{@code dim} ({@code in_proj}),
 * a codebook of {@code size} × {@code dim} entries, and a 1×1 projection back ({@code out_proj}).
 */
final class ResidualVectorQuantizer {
    private final int stages;
    private final int size;
    private final int dim;
    private final int hidden;
    private final float[][] codebooks;   // [stage][size·dim], raw rows (decode looks these up)
    private final float[][] normalized;  // [stage][size·dim], rows / max(‖row‖, 1e-12) (encode compares with these)
    private final float[][] normSquares; // [stage][size], ‖normalized row‖²
    private final float[][] inWeight;    // [stage][dim·hidden]
    private final float[][] inBias;      // [stage][dim]
    private final float[][] outWeight;   // [stage][hidden·dim]
    private final float[][] outBias;     // [stage][hidden]

    ResidualVectorQuantizer(DacConfig config, WeightSource ckpt) {
        stages = config.nCodebooks();
        size = config.codebookSize();
        dim = config.codebookDim();
        hidden = config.hiddenSize();
        codebooks = new float[stages][];
        normalized = new float[stages][];
        normSquares = new float[stages][];
        inWeight = new float[stages][];
        inBias = new float[stages][];
        outWeight = new float[stages][];
        outBias = new float[stages][];
        for (int i = 0; i < stages; i++) {
            String p = "quantizer.quantizers." + i;
            inWeight[i] = ckpt.convWeight(p + ".in_proj", dim, hidden, 1);
            inBias[i] = ckpt.tensor(p + ".in_proj.bias", dim);
            outWeight[i] = ckpt.convWeight(p + ".out_proj", hidden, dim, 1);
            outBias[i] = ckpt.tensor(p + ".out_proj.bias", hidden);
            codebooks[i] = ckpt.tensor(p + ".codebook.weight", size, dim);
            normalized[i] = new float[size * dim];
            normSquares[i] = new float[size];
            for (int j = 0; j < size; j++) {
                normalize(codebooks[i], j * dim, normalized[i], j * dim, dim);
                normSquares[i][j] = dot(normalized[i], j * dim, normalized[i], j * dim, dim);
            }
        }
    }

    int stages() {
        return stages;
    }

    int codebookSize() {
        return size;
    }

    /**
     * Latent {@code z = Σ_i out_proj_i(E_i[codes[i][t]])}, summed in stage order from zero, for code frames
     * {@code codes[i][offset + t]}, t in z's window (local frame t = z.start()+k reads column offset + k).
     * {@code lookups} (or null) receives the raw codebook rows, {@code [stages·dim][frames]}.
     */
    void decode(int[][] codes, int offset, Signal z, float[] lookups) {
        int frames = z.length();
        float[] zd = z.data();
        float[] proj = new float[hidden];
        for (int h = 0; h < hidden; h++) {
            Arrays.fill(zd, z.index(h, z.start()), z.index(h, z.start()) + frames, 0f);
        }
        for (int i = 0; i < stages; i++) {
            float[] w = outWeight[i];
            float[] b = outBias[i];
            for (int t = 0; t < frames; t++) {
                int code = codes[i][offset + t];
                if (code < 0 || code >= size) {
                    throw new IllegalArgumentException("code " + code + " in codebook " + i + " at frame " + (offset + t)
                            + " is outside [0, " + size + ")");
                }
                int e = code * dim;
                if (lookups != null) {
                    for (int k = 0; k < dim; k++) {
                        lookups[(i * dim + k) * frames + t] = codebooks[i][e + k];
                    }
                }
                project(w, b, codebooks[i], e, proj);
                for (int h = 0; h < hidden; h++) {
                    zd[z.index(h, z.start() + t)] += proj[h];
                }
            }
        }
    }

    /** What {@link #encode} computes besides the codes, for golden checks (any field may be null). */
    static final class Trace {
        float[] projectedLatents;  // [stages·dim][frames]
        float[][] residualInputs;  // [stage][hidden·frames]
        float[][] quantizedOutputs; // [stage][hidden·frames]
        float[] codeMargins;        // [stages][frames]: best score minus the runner-up's (how safe each code is)
    }

    /**
     * Quantizes latent {@code r} ({@code [hidden]} × frames, consumed as the residual) into
     * {@code codes[i][offset + t]}, and accumulates the quantized latent into {@code z} (same window, zeroed here).
     */
    void encode(Signal r, Signal z, int[][] codes, int offset, Trace trace) {
        int frames = r.length();
        float[] rd = r.data();
        float[] zd = z.data();
        float[] col = new float[hidden];
        float[] ze = new float[dim];
        float[] unit = new float[dim];
        float[] st = new float[dim];
        float[] qo = new float[hidden];
        for (int h = 0; h < hidden; h++) {
            Arrays.fill(zd, z.index(h, z.start()), z.index(h, z.start()) + frames, 0f);
        }
        for (int i = 0; i < stages; i++) {
            if (trace != null && trace.residualInputs != null) {
                trace.residualInputs[i] = r.toArray();
            }
            for (int t = 0; t < frames; t++) {
                for (int h = 0; h < hidden; h++) {
                    col[h] = rd[r.index(h, r.start() + t)];
                }
                for (int k = 0; k < dim; k++) {
                    float acc = inBias[i][k];
                    for (int h = 0; h < hidden; h++) {
                        acc += inWeight[i][k * hidden + h] * col[h];
                    }
                    ze[k] = acc;
                }
                if (trace != null && trace.projectedLatents != null) {
                    for (int k = 0; k < dim; k++) {
                        trace.projectedLatents[(i * dim + k) * frames + t] = ze[k];
                    }
                }
                int best = nearest(i, ze, unit, trace != null ? trace.codeMargins : null, i * frames + t);
                codes[i][offset + t] = best;
                // straight-through form ze + (q − ze), which can differ from q in the last bit
                for (int k = 0; k < dim; k++) {
                    st[k] = ze[k] + (codebooks[i][best * dim + k] - ze[k]);
                }
                project(outWeight[i], outBias[i], st, 0, qo);
                for (int h = 0; h < hidden; h++) {
                    rd[r.index(h, r.start() + t)] -= qo[h];
                    zd[z.index(h, z.start() + t)] += qo[h];
                }
                if (trace != null && trace.quantizedOutputs != null) {
                    if (trace.quantizedOutputs[i] == null) {
                        trace.quantizedOutputs[i] = new float[hidden * frames];
                    }
                    for (int h = 0; h < hidden; h++) {
                        trace.quantizedOutputs[i][h * frames + t] = qo[h];
                    }
                }
            }
        }
    }

    /**
     * The codebook entry closest to {@code ze} after L2-normalising both, by the reference's distance
     * {@code ‖e‖² − 2e·c + ‖c‖²} (first index wins ties); this is the largest cosine similarity. When
     * {@code margins} is given, the best score minus the runner-up's goes to {@code margins[at]}.
     */
    private int nearest(int stage, float[] ze, float[] unit, float[] margins, int at) {
        normalize(ze, 0, unit, 0, dim);
        float ee = dot(unit, 0, unit, 0, dim);
        float[] cb = normalized[stage];
        float[] cc = normSquares[stage];
        int best = 0;
        float bestScore = Float.NEGATIVE_INFINITY;
        float second = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < size; j++) {
            float score = -(ee - 2 * dot(unit, 0, cb, j * dim, dim) + cc[j]);
            if (score > bestScore) {
                second = bestScore;
                bestScore = score;
                best = j;
            } else if (score > second) {
                second = score;
            }
        }
        if (margins != null) {
            margins[at] = bestScore - second;
        }
        return best;
    }

    /** out[h] = b[h] + Σ_k w[h][k] · v[off + k] (a 1×1 convolution dim → hidden at one frame). */
    private void project(float[] w, float[] b, float[] v, int off, float[] out) {
        for (int h = 0; h < hidden; h++) {
            float acc = b[h];
            for (int k = 0; k < dim; k++) {
                acc += w[h * dim + k] * v[off + k];
            }
            out[h] = acc;
        }
    }

    private static void normalize(float[] src, int so, float[] dst, int d0, int n) {
        float ss = 0;
        for (int k = 0; k < n; k++) {
            ss += src[so + k] * src[so + k];
        }
        float norm = Math.max((float) Math.sqrt(ss), 1e-12f);
        for (int k = 0; k < n; k++) {
            dst[d0 + k] = src[so + k] / norm;
        }
    }

    private static float dot(float[] a, int ao, float[] b, int bo, int n) {
        float s = 0;
        for (int k = 0; k < n; k++) {
            s += a[ao + k] * b[bo + k];
        }
        return s;
    }
}
