package dev.zonos4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

class ExactLanesTest {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    @Test
    void expIsAccurateAndTheVectorFormEqualsTheScalarForm() {
        float[] x = new float[S.length()];
        float[] y = new float[S.length()];
        for (float start = -90f; start < 90f; start += 0.37f * S.length()) {
            for (int i = 0; i < x.length; i++) {
                x[i] = start + 0.37f * i;
            }
            ExactLanes.exp(FloatVector.fromArray(S, x, 0)).intoArray(y, 0);
            for (int i = 0; i < x.length; i++) {
                assertEquals(Float.floatToIntBits(ExactLanes.exp(x[i])), Float.floatToIntBits(y[i]), "x = " + x[i]);
                if (x[i] > -87f && x[i] < 88f) {
                    double rel = Math.abs(y[i] - Math.exp(x[i])) / Math.exp(x[i]);
                    assertTrue(rel < 3e-7, "exp(" + x[i] + ") relative error " + rel);
                }
            }
        }
        assertEquals(1f, ExactLanes.exp(0f));
        assertTrue(ExactLanes.exp(-1000f) >= 0f && ExactLanes.exp(-1000f) < 1e-37f);
    }

    @Test
    void sumAddsLanesInOrder() {
        float[] x = new float[S.length()];
        float expected = 0;
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 2 == 0 ? 1e7f : -1e7f) + i * 0.1f;
            expected += x[i];
        }
        assertEquals(expected, ExactLanes.sum(FloatVector.fromArray(S, x, 0)));
    }
}
