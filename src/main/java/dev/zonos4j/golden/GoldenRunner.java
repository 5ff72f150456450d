package dev.zonos4j.golden;

import dev.zonos4j.tensor.Kernels;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Runs every golden case of the requested components found under a kit folder or a reference root,
 * prints one line per check and ends with {@code N passed, M failed}.
 */
public final class GoldenRunner {

    /** Outcome of a run; {@code ok} is false when a case failed or nothing could be checked. */
    public record Result(int passed, int failed, List<String> problems) {
        public boolean ok() {
            return failed == 0 && passed > 0 && problems.isEmpty();
        }
    }

    private final List<GoldenComponent> components;

    public GoldenRunner(List<GoldenComponent> components) {
        this.components = List.copyOf(components);
    }

    public static GoldenRunner standard() {
        return new GoldenRunner(GoldenComponents.all());
    }

    /** Every component, the language model on {@code lmKernels}. */
    public static GoldenRunner standard(Kernels lmKernels) {
        return new GoldenRunner(GoldenComponents.all(lmKernels));
    }

    public List<String> componentNames() {
        return components.stream().map(GoldenComponent::name).toList();
    }

    /** Runs {@code component} (or all components when null) over the kits under {@code dir}. */
    public Result run(Path dir, String component, PrintStream out) throws Exception {
        java.util.ArrayList<String> problems = new java.util.ArrayList<>();
        if (!Files.isDirectory(dir)) {
            problems.add("kit folder " + dir + " does not exist");
            return finish(new GoldenReport(out), problems, out);
        }
        Optional<GoldenComponent> only = component == null ? Optional.empty()
                : components.stream().filter(c -> c.name().equals(component)).findFirst();
        if (component != null && only.isEmpty()) {
            problems.add("unknown component '" + component + "'; known: " + String.join(", ", componentNames()));
            return finish(new GoldenReport(out), problems, out);
        }
        List<Kit.Found> kits = Kit.discover(dir);
        if (kits.isEmpty()) {
            problems.add(dir + " is neither a reference kit (zonos, zonos-hybrid, dac or speaker layout) nor a folder holding kits");
        }
        GoldenReport report = new GoldenReport(out);
        for (GoldenComponent c : components) {
            if (only.isPresent() && only.get() != c) {
                continue;
            }
            List<Kit.Found> mine = kits.stream().filter(k -> k.kit() == c.kit()).toList();
            if (mine.isEmpty()) {
                if (only.isPresent()) {
                    problems.add("component '" + c.name() + "' needs a " + c.kit().name().toLowerCase()
                            + " kit, and none was found under " + dir);
                }
                continue;
            }
            for (Kit.Found k : mine) {
                List<GoldenCase> cases;
                try {
                    cases = c.cases(k.dir());
                } catch (UnsupportedOperationException e) {
                    problems.add(e.getMessage());
                    continue;
                }
                if (cases.isEmpty()) {
                    problems.add("component '" + c.name() + "': no cases found in " + k.dir());
                }
                out.printf("== %s: %d cases in %s%n", c.name(), cases.size(), k.dir());
                for (GoldenCase gc : cases) {
                    report.beginCase(c.name() + "/" + gc.name());
                    try {
                        gc.run(report);
                    } catch (Exception | AssertionError e) {
                        report.fail("(exception)", e.getClass().getSimpleName() + ": " + e.getMessage());
                    }
                    report.endCase();
                }
            }
        }
        return finish(report, problems, out);
    }

    private static Result finish(GoldenReport report, List<String> problems, PrintStream out) {
        for (String p : problems) {
            out.println("ERROR: " + p);
        }
        if (!report.failedCases().isEmpty()) {
            out.println("failed cases: " + String.join(", ", report.failedCases()));
        }
        out.printf("%d passed, %d failed%n", report.passed(), report.failed());
        return new Result(report.passed(), report.failed(), List.copyOf(problems));
    }
}
