package dev.zonos4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BatchNormTest {

    @Test
    void evalFormulaAndFoldingIntoAConvolution() {
        float[] gamma = {1.5f, 0.3f};
        float[] beta = {0.1f, -2f};
        float[] mean = {0.5f, -1f};
        float[] var = {4f, 0.25f};
        BatchNorm bn = BatchNorm.of(gamma, beta, mean, var, 1e-5);
        float[] x = {1, 2, 3, -1, 0, 1};
        float[] y = x.clone();
        bn.apply(y, 3);
        for (int i = 0; i < 6; i++) {
            int c = i / 3;
            double expected = (x[i] - mean[c]) / Math.sqrt(var[c] + 1e-5) * gamma[c] + beta[c];
            assertEquals(expected, y[i], 1e-6);
        }
        // conv (2 out, 1 in, 1x1) then BN == folded conv with BN shift as bias
        float[] weight = {2f, -3f};
        float[] in = {0.5f, -0.25f, 1f};
        float[] convOut = new float[6];
        Conv2d.reference(in, 1, 1, 3, weight, null, 2, 1, 1, 0, false, convOut);
        bn.apply(convOut, 3);
        float[] folded = new float[6];
        Conv2d.reference(in, 1, 1, 3, bn.foldInto(weight), bn.shift(), 2, 1, 1, 0, false, folded);
        for (int i = 0; i < 6; i++) {
            assertEquals(convOut[i], folded[i], 1e-6);
        }
    }
}
