package dev.zonos4j.model.zonos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SamplersTest {

    @Test
    void drawFollowsTheDistribution() {
        float[] p = {0.5f, 0f, 0.3f, 0.2f};
        int[] count = new int[4];
        SplittableRandom rng = new SplittableRandom(9);
        int n = 40000;
        for (int i = 0; i < n; i++) {
            count[Samplers.draw(p, 0, 4, rng)]++;
        }
        assertEquals(0, count[1]);
        for (int i : new int[] {0, 2, 3}) {
            assertEquals(p[i], count[i] / (double) n, 0.01, "frequency of " + i);
        }
    }

    @Test
    void filtersKeepWhatUpstreamKeeps() {
        float[] p = {0.1f, 0.4f, 0.2f, 0.2f, 0.1f};
        float[] k = p.clone();
        Samplers.topK(2, new long[5]).apply(k, 0, 5);
        // ties at the pivot survive: 0.4 and both 0.2
        assertArrayEquals(new float[] {0f, 0.5f, 0.25f, 0.25f, 0f}, k, 1e-6f);
        float[] t = p.clone();
        Samplers.topP(0.5f, new long[5]).apply(t, 0, 5);
        // sorted 0.4, 0.2 (index 2), 0.2, ...: cumulative before each <= 0.5 keeps 0.4 and the first 0.2
        assertArrayEquals(new float[] {0f, 0.4f / 0.6f, 0.2f / 0.6f, 0f, 0f}, t, 1e-6f);
        float[] m = p.clone();
        Samplers.minP(0.3f).apply(m, 0, 5);
        assertArrayEquals(new float[] {0f, 0.5f, 0.25f, 0.25f, 0f}, m, 1e-6f);
    }

    @Test
    void repetitionPenaltyCountsRepeatsAndClampsIds() {
        float[] logits = {1f, -1f, 2f, 4f};
        int[][] tokens = {{3, 0, 0, 7}};
        Samplers.repetitionPenalty(logits, 4, tokens, 4, 3, 2f);
        // window = last 3: 0, 0, 7 -> id 0 twice (factor 4), 7 clamped to 3 (factor 2)
        assertArrayEquals(new float[] {0.25f, -1f, 2f, 2f}, logits);
    }

    @Test
    void delayScatterFillsUnknownSlotsInOrder() {
        int[][] d = new int[3][2];
        d[0][1] = 1025;
        d[1][1] = -1;
        d[2][1] = -1;
        DelayPattern.scatterUnknown(d, 1, new int[] {7, 8, 9});
        assertEquals(1025, d[0][1]);
        assertEquals(7, d[1][1]);
        assertEquals(8, d[2][1]);
        DelayPattern.scatterUnknown(d, 2, new int[] {1, 2, 3});
        assertTrue(d[0].length == 2);
    }
}
