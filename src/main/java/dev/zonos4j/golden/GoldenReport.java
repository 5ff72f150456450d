package dev.zonos4j.golden;

import dev.zonos4j.weights.Tensor;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Collects the checks of golden cases: one line per tensor (case, tensor, max abs difference, tolerance,
 * PASS/FAIL) and a verdict per case. A case passes when all its checks pass and it threw nothing.
 */
public final class GoldenReport {
    private final PrintStream out;
    private final List<String> failedCases = new ArrayList<>();
    private int passedCases;
    private String currentCase;
    private boolean currentFailed;
    private int currentChecks;

    public GoldenReport(PrintStream out) {
        this.out = out;
    }

    public void beginCase(String name) {
        currentCase = name;
        currentFailed = false;
        currentChecks = 0;
    }

    public boolean endCase() {
        boolean ok = !currentFailed && currentChecks > 0;
        if (currentChecks == 0 && !currentFailed) {
            line(false, "(case)", "no checks were run");
        }
        if (ok) {
            passedCases++;
        } else {
            failedCases.add(currentCase);
        }
        out.printf("%s %s%n", ok ? "CASE PASS" : "CASE FAIL", currentCase);
        return ok;
    }

    public int passed() {
        return passedCases;
    }

    public int failed() {
        return failedCases.size();
    }

    public List<String> failedCases() {
        return List.copyOf(failedCases);
    }

    private void line(boolean ok, String what, String detail) {
        currentChecks++;
        if (!ok) {
            currentFailed = true;
        }
        out.printf("  %s  %s  %-36s %s%n", ok ? "PASS" : "FAIL", currentCase, what, detail);
    }

    /** Records a failure that is not a tensor comparison (exception, missing tensor). */
    public void fail(String what, String message) {
        line(false, what, message);
    }

    /**
     * Compares floats by max abs difference. Infinite entries must sit at the same positions with the
     * same sign; NaN anywhere fails.
     */
    public boolean close(String tensor, float[] expected, float[] actual, double tolerance) {
        if (expected.length != actual.length) {
            line(false, tensor, "length " + actual.length + ", expected " + expected.length);
            return false;
        }
        double maxDiff = 0;
        int worst = -1;
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i];
            float a = actual[i];
            if (Float.isNaN(a) || Float.isNaN(e)) {
                line(false, tensor, "NaN at index " + i + " (expected " + e + ", got " + a + ")");
                return false;
            }
            if (Float.isInfinite(e) || Float.isInfinite(a)) {
                if (e != a) {
                    line(false, tensor, "infinite mismatch at index " + i + ": expected " + e + ", got " + a);
                    return false;
                }
                continue;
            }
            double d = Math.abs((double) e - a);
            if (d > maxDiff) {
                maxDiff = d;
                worst = i;
            }
        }
        boolean ok = maxDiff <= tolerance;
        String where = worst < 0 ? "" : String.format(Locale.ROOT, " at [%d] (expected %.6g, got %.6g)", worst, expected[worst], actual[worst]);
        line(ok, tensor, String.format(Locale.ROOT, "max|diff| %.3e  tol %.1e%s", maxDiff, tolerance, ok ? "" : where));
        return ok;
    }

    public boolean close(String tensor, Tensor expected, float[] actual, double tolerance) {
        return close(tensor, expected.toFloatArray(), actual, tolerance);
    }

    /** Integer tensors must match exactly. */
    public boolean exact(String tensor, long[] expected, long[] actual) {
        if (expected.length != actual.length) {
            line(false, tensor, "length " + actual.length + ", expected " + expected.length);
            return false;
        }
        int mismatches = 0;
        int first = -1;
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i]) {
                if (first < 0) {
                    first = i;
                }
                mismatches++;
            }
        }
        boolean ok = mismatches == 0;
        line(ok, tensor, ok ? "exact (" + expected.length + " values)"
                : mismatches + " of " + expected.length + " differ; first at [" + first + "]: expected "
                        + expected[first] + ", got " + actual[first]);
        return ok;
    }

    /**
     * A measurement, not a check: how many leading values agree (for sequences that may legitimately part, such
     * as codes sampled on a path with other rounding). Counts as a check that passes.
     */
    public void agreement(String tensor, long[] expected, long[] actual) {
        int n = Math.min(expected.length, actual.length);
        int lead = 0;
        while (lead < n && expected[lead] == actual[lead]) {
            lead++;
        }
        line(true, tensor, "agreement: first " + lead + " of " + expected.length + " values identical (measured, "
                + actual.length + " produced)");
    }

    public boolean exact(String tensor, Tensor expected, long[] actual) {
        return exact(tensor, expected.toLongArray(), actual);
    }

    public boolean exact(String tensor, long[] expected, int[] actual) {
        long[] a = new long[actual.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = actual[i];
        }
        return exact(tensor, expected, a);
    }

    /** Strings must be equal; on mismatch the first differing code point is shown. */
    public boolean equal(String what, String expected, String actual) {
        boolean ok = Objects.equals(expected, actual);
        if (ok) {
            line(true, what, "exact");
        } else {
            int i = 0;
            while (expected != null && actual != null && i < Math.min(expected.length(), actual.length())
                    && expected.charAt(i) == actual.charAt(i)) {
                i++;
            }
            line(false, what, "differs at char " + i + ":\n      expected: " + expected + "\n      actual:   " + actual);
        }
        return ok;
    }
}
