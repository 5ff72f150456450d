package dev.zonos4j.tensor;

/**
 * The kernels of a Mamba2 layer that are not matmuls: the causal depthwise conv step, the selective
 * state-space recurrence step and the gated RMSNorm. Everything is one position of one row (a sequence's
 * stream) against that row's own float32 state, so a row's result does not depend on other rows. A prefill
 * runs the step over its positions in order: the sequential recurrence, upstream's reference.
 *
 * <p>{@link #vector()} is the fast path (also under the native backend: the states stay float32 and these
 * kernels are not matmuls); {@link #scalar()} the plain reference it is tested against, used with the scalar
 * backend ({@link #of}).
 */
public interface SsmKernels {

    /**
     * One conv position for {@code channels} channels: the state {@code state[sOff ..]} ([width][channels],
     * oldest tap first) shifts by one tap and takes {@code x[xOff ..]} as its newest; then
     * {@code out[c] = silu(bias[c] + Σ_k weight[k][c] * state[k][c])} with {@code weight} [width][channels].
     */
    void convStep(float[] state, int sOff, float[] x, int xOff, float[] weight, float[] bias, int channels, int width,
            float[] out, int outOff);

    /**
     * One recurrence step of one head with {@code p} channels and state width {@code n}: for channel i
     * {@code s[i][j] = decay * s[i][j] + (dt * x[i]) * B[j]} and {@code y[i] = Σ_j s[i][j] * C[j] + skip * x[i]},
     * state {@code s} at {@code state[sOff ..]} ([p][n]).
     */
    void scanStep(float[] state, int sOff, float[] x, int xOff, float[] bc, int bOff, int cOff, float dt, float decay,
            float skip, int p, int n, float[] y, int yOff);

    /**
     * Gated RMSNorm over {@code n} channels in groups of {@code group}: v = y * silu(z);
     * out = v / sqrt(mean_group(v^2) + eps) * weight. {@code out} may be {@code y}.
     */
    void gatedRmsNorm(float[] y, int yOff, float[] z, int zOff, float[] weight, int n, int group, float eps,
            float[] out, int outOff);

    static SsmKernels scalar() {
        return ScalarSsmKernels.INSTANCE;
    }

    static SsmKernels vector() {
        return VectorSsmKernels.INSTANCE;
    }

    /** The SSM kernels to run beside {@code kernels}: the reference with the scalar backend, else the vector ones. */
    static SsmKernels of(Kernels kernels) {
        return kernels.backend() == Backend.SCALAR ? scalar() : vector();
    }

    /** softplus as torch computes it in float32: v for v > 20, else log1p(exp(v)). */
    static float softplus(float v) {
        return v > 20f ? v : (float) Math.log1p(Math.exp(v));
    }
}
