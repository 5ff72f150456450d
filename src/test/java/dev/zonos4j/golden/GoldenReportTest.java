package dev.zonos4j.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparisons every golden case relies on: where they draw the line and what they print. */
class GoldenReportTest {
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final GoldenReport r = new GoldenReport(new PrintStream(buf, true, StandardCharsets.UTF_8));

    /** What was printed, with runs of spaces (column padding) as one space. */
    private String printed() {
        return buf.toString(StandardCharsets.UTF_8).replaceAll(" +", " ");
    }

    @Test
    void aDifferenceEqualToTheToleranceStillPasses() {
        r.beginCase("c");
        assertTrue(r.close("t", new float[] {1f, 2f}, new float[] {1f, 2.5f}, 0.5));
        assertFalse(r.close("u", new float[] {1f, 2f}, new float[] {1f, 2.5f}, 0.25));
        assertFalse(r.endCase());
        String out = printed();
        assertTrue(out.contains("max|diff| 5.000e-01 tol 5.0e-01\n"), out);
        assertTrue(out.contains("max|diff| 5.000e-01 tol 2.5e-01 at [1] (expected 2.00000, got 2.50000)"), out);
        assertTrue(out.endsWith("CASE FAIL c\n"), out);
        assertEquals(List.of("c"), r.failedCases());
        assertEquals(0, r.passed());
        assertEquals(1, r.failed());
    }

    @Test
    void infinitiesMustMatchInPlaceAndSignAndNanAlwaysFails() {
        r.beginCase("inf");
        float inf = Float.POSITIVE_INFINITY;
        assertTrue(r.close("same", new float[] {inf, -inf, 0f}, new float[] {inf, -inf, 0f}, 0));
        assertTrue(r.endCase());
        r.beginCase("sign");
        assertFalse(r.close("sign", new float[] {inf}, new float[] {-inf}, 1e9));
        assertFalse(r.close("finite", new float[] {1f}, new float[] {inf}, 1e9));
        assertFalse(r.endCase());
        r.beginCase("nan");
        assertFalse(r.close("nan", new float[] {0f, 0f}, new float[] {0f, Float.NaN}, 1e9));
        assertFalse(r.close("nan expected", new float[] {Float.NaN}, new float[] {0f}, 1e9));
        assertFalse(r.endCase());
        String out = printed();
        assertTrue(out.contains("infinite mismatch at index 0: expected Infinity, got -Infinity"), out);
        assertTrue(out.contains("NaN at index 1 (expected 0.0, got NaN)"), out);
        assertEquals(1, r.passed());
        assertEquals(List.of("sign", "nan"), r.failedCases());
    }

    @Test
    void exactComparisonsCountTheMismatchesAndNameTheFirst() {
        r.beginCase("ids");
        assertTrue(r.exact("same", new long[] {1, 2, 3}, new int[] {1, 2, 3}));
        assertFalse(r.exact("two differ", new long[] {1, 2, 3, 4}, new long[] {1, 9, 3, 8}));
        assertFalse(r.exact("short", new long[] {1, 2}, new long[] {1}));
        assertFalse(r.close("short floats", new float[] {1f, 2f}, new float[] {1f}, 1));
        assertFalse(r.endCase());
        String out = printed();
        assertTrue(out.contains("exact (3 values)"), out);
        assertTrue(out.contains("2 of 4 differ; first at [1]: expected 2, got 9"), out);
        assertTrue(out.contains("short length 1, expected 2"), out);
        assertTrue(out.contains("short floats length 1, expected 2"), out);
    }

    @Test
    void agreementIsMeasuredNotJudged() {
        r.beginCase("codes");
        r.agreement("codes", new long[] {5, 6, 7, 8}, new long[] {5, 6, 0});
        assertTrue(r.endCase());
        assertTrue(printed().contains("PASS codes codes agreement: first 2 of 4 values identical (measured, 3 produced)"),
                printed());
    }

    @Test
    void stringsShowWhereTheyPart() {
        r.beginCase("text");
        assertTrue(r.equal("same", "abc", "abc"));
        assertFalse(r.equal("parted", "abcd", "abXd"));
        assertFalse(r.equal("missing", "abc", null));
        assertFalse(r.endCase());
        String out = printed();
        assertTrue(out.contains("differs at char 2:\n expected: abcd\n actual: abXd"), out);
        assertTrue(out.contains("differs at char 0:\n expected: abc\n actual: null"), out);
    }

    @Test
    void aCaseWithoutChecksFailsAndAFailureWithoutATensorCounts() {
        r.beginCase("empty");
        assertFalse(r.endCase());
        r.beginCase("thrown");
        r.fail("(exception)", "boom");
        assertFalse(r.endCase());
        r.beginCase("fine");
        assertTrue(r.exact("one", new long[] {1}, new long[] {1}));
        assertTrue(r.endCase());
        String out = printed();
        assertTrue(out.contains("FAIL empty (case) no checks were run"), out);
        assertTrue(out.contains("FAIL thrown (exception) boom"), out);
        assertEquals(List.of("empty", "thrown"), r.failedCases());
        assertEquals(1, r.passed());
        assertEquals(2, r.failed());
    }
}
