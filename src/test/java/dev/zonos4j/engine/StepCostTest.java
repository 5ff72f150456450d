package dev.zonos4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The learned step cost the first-audio rule relies on: averages, extrapolation, the prefill estimate. */
class StepCostTest {

    @Test
    void nothingIsKnownBeforeTheFirstStep() {
        StepCost c = StepCost.measured(8);
        assertTrue(Double.isNaN(c.nanos(1)));
        assertTrue(Double.isNaN(c.nanos(8)));
        assertEquals(0, c.prefillNanos());
    }

    @Test
    void aSizeIsAMovingAverageOfItsSteps() {
        StepCost c = StepCost.measured(8);
        c.observe(2, 1000);
        assertEquals(1000, c.nanos(2), "the first observation is taken as it is");
        c.observe(2, 2000);
        assertEquals(1100, c.nanos(2), 1e-9, "later ones move it by a tenth");
        c.observe(2, 100);
        assertEquals(1000, c.nanos(2), 1e-9);
    }

    @Test
    void anUnseenSizeIsExtrapolatedFromTheLargestSmallerOneSeen() {
        StepCost c = StepCost.measured(8);
        c.observe(1, 100);
        c.observe(3, 240);
        assertEquals(100, c.nanos(1));
        assertEquals(200, c.nanos(2), 1e-9, "from size 1: no saving assumed");
        assertEquals(240, c.nanos(3));
        assertEquals(400, c.nanos(5), 1e-9, "from size 3, not size 1");
    }

    @Test
    void sizesBeyondTheCapShareTheLastSlot() {
        StepCost c = StepCost.measured(4);
        c.observe(50, 5000);
        assertEquals(5000, c.nanos(60), "sizes past the cap are one measurement");
        assertEquals(5000, c.nanos(5));
        assertTrue(Double.isNaN(c.nanos(4)), "a size is never guessed from larger ones (that would be optimistic)");
    }

    @Test
    void prefillIsAMovingAverageToo() {
        StepCost c = StepCost.measured(8);
        c.observePrefill(3_000);
        assertEquals(3_000, c.prefillNanos());
        c.observePrefill(1_000);
        assertEquals(2_800, c.prefillNanos(), 1e-9);
    }

    @Test
    void theFlatCostNeverHoldsAnythingBack() {
        StepCost c = StepCost.flat();
        c.observe(1, 1_000_000);
        assertEquals(c.nanos(1), c.nanos(16));
        assertEquals(0, c.prefillNanos());
    }
}
