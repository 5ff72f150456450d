package dev.zonos4j.tensor;

import static dev.zonos4j.tensor.VectorMath.F;
import static dev.zonos4j.tensor.VectorMath.L;

import jdk.incubator.vector.FloatVector;

/**
 * Vector API {@link SsmKernels}: lanes across conv channels and across the state width, sums in a fixed
 * order ({@link VectorMath#treeSum}) so a row's bits do not depend on the JIT or on other rows.
 */
final class VectorSsmKernels implements SsmKernels {
    static final VectorSsmKernels INSTANCE = new VectorSsmKernels();

    private final ThreadLocal<float[]> lanes = ThreadLocal.withInitial(() -> new float[L]);

    private VectorSsmKernels() {
    }

    @Override
    public void convStep(float[] state, int sOff, float[] x, int xOff, float[] weight, float[] bias, int channels,
            int width, float[] out, int outOff) {
        System.arraycopy(state, sOff + channels, state, sOff, (width - 1) * channels);
        System.arraycopy(x, xOff, state, sOff + (width - 1) * channels, channels);
        int bound = F.loopBound(channels);
        for (int c = 0; c < bound; c += L) {
            FloatVector acc = FloatVector.fromArray(F, bias, c);
            for (int k = 0; k < width; k++) {
                acc = FloatVector.fromArray(F, weight, k * channels + c)
                        .fma(FloatVector.fromArray(F, state, sOff + k * channels + c), acc);
            }
            Activations.silu(acc).intoArray(out, outOff + c);
        }
        for (int c = bound; c < channels; c++) {
            float acc = bias[c];
            for (int k = 0; k < width; k++) {
                acc = Math.fma(weight[k * channels + c], state[sOff + k * channels + c], acc);
            }
            out[outOff + c] = Activations.silu(acc);
        }
    }

    @Override
    public void scanStep(float[] state, int sOff, float[] x, int xOff, float[] bc, int bOff, int cOff, float dt,
            float decay, float skip, int p, int n, float[] y, int yOff) {
        int bound = F.loopBound(n);
        float[] tmp = lanes.get();
        for (int i = 0; i < p; i++) {
            float xi = x[xOff + i];
            float dx = dt * xi;
            int s = sOff + i * n;
            FloatVector acc = FloatVector.zero(F);
            for (int j = 0; j < bound; j += L) {
                FloatVector b = FloatVector.fromArray(F, bc, bOff + j);
                FloatVector v = FloatVector.fromArray(F, state, s + j).mul(decay).add(b.mul(dx));
                v.intoArray(state, s + j);
                acc = v.fma(FloatVector.fromArray(F, bc, cOff + j), acc);
            }
            acc.intoArray(tmp, 0);
            float sum = VectorMath.treeSum(tmp, 0);
            for (int j = bound; j < n; j++) {
                float v = decay * state[s + j] + dx * bc[bOff + j];
                state[s + j] = v;
                sum = Math.fma(v, bc[cOff + j], sum);
            }
            y[yOff + i] = Math.fma(skip, xi, sum);
        }
    }

    @Override
    public void gatedRmsNorm(float[] y, int yOff, float[] z, int zOff, float[] weight, int n, int group, float eps,
            float[] out, int outOff) {
        float[] tmp = lanes.get();
        for (int g = 0; g < n; g += group) {
            int bound = F.loopBound(group);
            FloatVector acc = FloatVector.zero(F);
            for (int i = 0; i < bound; i += L) {
                FloatVector v = gated(y, yOff + g + i, z, zOff + g + i);
                acc = v.fma(v, acc);
            }
            acc.intoArray(tmp, 0);
            float sq = VectorMath.treeSum(tmp, 0);
            for (int i = bound; i < group; i++) {
                float v = y[yOff + g + i] * Activations.silu(z[zOff + g + i]);
                sq = Math.fma(v, v, sq);
            }
            float rstd = (float) (1.0 / Math.sqrt(sq / group + eps));
            for (int i = 0; i < bound; i += L) {
                gated(y, yOff + g + i, z, zOff + g + i).mul(rstd).mul(FloatVector.fromArray(F, weight, g + i))
                        .intoArray(out, outOff + g + i);
            }
            for (int i = bound; i < group; i++) {
                float v = y[yOff + g + i] * Activations.silu(z[zOff + g + i]);
                out[outOff + g + i] = v * rstd * weight[g + i];
            }
        }
    }

    private static FloatVector gated(float[] y, int yi, float[] z, int zi) {
        return FloatVector.fromArray(F, y, yi).mul(Activations.silu(FloatVector.fromArray(F, z, zi)));
    }
}
