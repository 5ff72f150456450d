package dev.zonos4j.model.speaker;

import dev.zonos4j.tensor.ExactLanes;
import dev.zonos4j.tensor.Parallel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The small dense products of the pooling head and the projections: 1×1 Conv1d over time and Linear.
 * Weights are row-major (out, in), as PyTorch stores them.
 */
final class Dense {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private Dense() {
    }

    /** y (out, cols) = w (out, in) · x (in, cols) + bias, rows in parallel. */
    static void matmul(float[] w, float[] bias, int out, int in, float[] x, int cols, float[] y) {
        Parallel.forRange(out, 4, (from, to) -> {
            for (int o = from; o < to; o++) {
                int yOff = o * cols;
                java.util.Arrays.fill(y, yOff, yOff + cols, bias[o]);
                for (int i = 0; i < in; i++) {
                    axpy(w[o * in + i], x, i * cols, y, yOff, cols);
                }
            }
        });
    }

    private static void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        FloatVector av = FloatVector.broadcast(S, a);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, xOff + i).fma(av, FloatVector.fromArray(S, y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = Math.fma(a, x[xOff + i], y[yOff + i]);
        }
    }

    /** y (out) = w (out, in) · x (in) + bias. */
    static float[] matvec(float[] w, float[] bias, int out, int in, float[] x) {
        float[] y = new float[out];
        Parallel.forRange(out, 16, (from, to) -> {
            for (int o = from; o < to; o++) {
                y[o] = bias[o] + dot(w, o * in, x, in);
            }
        });
        return y;
    }

    private static float dot(float[] w, int wOff, float[] x, int n) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            acc = FloatVector.fromArray(S, w, wOff + i).fma(FloatVector.fromArray(S, x, i), acc);
        }
        float sum = ExactLanes.sum(acc);
        for (; i < n; i++) {
            sum = Math.fma(w[wOff + i], x[i], sum);
        }
        return sum;
    }

    /** Plain-loop reference of {@link #matmul} (a matvec is the cols = 1 case), for tests. */
    static void matmulReference(float[] w, float[] bias, int out, int in, float[] x, int cols, float[] y) {
        for (int o = 0; o < out; o++) {
            for (int c = 0; c < cols; c++) {
                float sum = bias[o];
                for (int i = 0; i < in; i++) {
                    sum += w[o * in + i] * x[i * cols + c];
                }
                y[o * cols + c] = sum;
            }
        }
    }
}
