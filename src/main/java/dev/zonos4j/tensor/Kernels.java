package dev.zonos4j.tensor;

/**
 * The compute kernels the models run on. Activations are packed row-major float arrays: a batch of
 * {@code rows} rows of width n is {@code x[r * n + i]}.
 *
 * <p>Batch invariance: every kernel computes each row with the same operations in the same order whatever
 * the number of rows and whatever the other rows hold, so a row's result is bit-identical alone or batched.
 *
 * <p>Implementations ({@link Backend}): native (oneDNN matmuls over weights packed by {@link #prepare}), the
 * portable Vector API kernels ({@link #vector()}), and the plain scalar reference ({@link #scalar()}) every
 * fast kernel is tested against. {@link #preferred()} follows {@code -Dzonos.backend}.
 */
public interface Kernels {

    /**
     * y = x W^T: {@code y[r][o] = Σ_i w[o][i] * x[r][i]} for x [rows, w.cols()] and y [rows, w.rows()].
     * Reads each weight once for all rows; runs in parallel over output features (call it outside
     * parallel regions).
     */
    void matmul(WeightMatrix w, float[] x, int rows, float[] y);

    /** y = (x - mean) / sqrt(var + eps) * weight + bias over rows of width {@code weight.length}; y may be x. */
    void layerNorm(float[] x, float[] y, int rows, float[] weight, float[] bias, float eps);

    /**
     * Rotary embedding on adjacent pairs: for each of {@code heads} heads of width {@code headDim} starting at
     * {@code x[off]}, (x[2i], x[2i+1]) -> (x[2i] cos_i - x[2i+1] sin_i, x[2i+1] cos_i + x[2i] sin_i), with
     * cos_i = {@code cos[csOff + i]}, sin_i = {@code sin[csOff + i]} (see {@link Rotary#angles}).
     */
    void rotary(float[] x, int off, int heads, int headDim, float[] cos, float[] sin, int csOff);

    /** Gated MLP activation: for fc1 output rows [y | gate] of width 2n, out[r][i] = y[i] * silu(gate[i]). */
    void siluGate(float[] fc1, int rows, int n, float[] out);

    /** In-place softmax of x[off .. off + n). */
    void softmax(float[] x, int off, int n);

    /**
     * Grouped-query attention of one query row {@code q[qOff ..]} ([heads][headDim], rotary applied) over the
     * cached positions [0, len) of {@code layer}: query head h reads kv head h / (heads / kvHeads);
     * softmax(q.k * 1/sqrt(headDim)) weighted values, heads concatenated into {@code out[outOff ..]}.
     * Single-threaded: callers parallelise over rows and heads.
     */
    void attention(float[] q, int qOff, KvBlockTable kv, int layer, int len, int heads, int kvHeads, int headDim,
            float[] out, int outOff);

    /**
     * The form of a weight matrix this backend's matmul reads fastest (packed once at load; may copy). Other
     * backends can still read the result. The default is the matrix itself.
     */
    default WeightMatrix prepare(WeightMatrix w) {
        return w;
    }

    /** Which backend these kernels are. */
    Backend backend();

    /** One line for logs and benchmarks: backend, library and instruction set. */
    default String describe() {
        return backend().label();
    }

    static Kernels scalar() {
        return ScalarKernels.INSTANCE;
    }

    static Kernels vector() {
        return VectorKernels.INSTANCE;
    }

    /** The kernels of {@code -Dzonos.backend} (default auto: native where oneDNN loads, else vector). */
    static Kernels preferred() {
        return Backend.fromSystemProperty().kernels();
    }
}
