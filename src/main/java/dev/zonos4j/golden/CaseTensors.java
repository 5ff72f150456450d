package dev.zonos4j.golden;

import dev.zonos4j.weights.SafeTensors;
import dev.zonos4j.weights.Tensor;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A golden case's tensor file that remembers which tensors were read, so that a tensor no check covers fails the
 * case instead of passing unnoticed (a kit that grows a new reference tensor must grow a check with it).
 */
final class CaseTensors {
    private final SafeTensors file;
    private final Set<String> used = new HashSet<>();

    private CaseTensors(SafeTensors file) {
        this.file = file;
    }

    static CaseTensors open(Path path) {
        return new CaseTensors(SafeTensors.open(path));
    }

    boolean has(String name) {
        return file.has(name);
    }

    Tensor get(String name) {
        used.add(name);
        return file.get(name);
    }

    List<String> keys() {
        return List.copyOf(file.keys());
    }

    Map<String, String> metadata() {
        return file.metadata();
    }

    /** Fails {@code report} once for every tensor of the file that was never read. */
    void reportUnchecked(GoldenReport report) {
        for (String k : file.keys()) {
            if (!used.contains(k)) {
                report.fail(k, "tensor in " + file.file().getFileName() + " that no check covers");
            }
        }
    }
}
