package dev.zonos4j.golden;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zonos4j.golden.LmGolden.CaseFile;
import dev.zonos4j.golden.LmGolden.ModelHolder;
import dev.zonos4j.tensor.Backend;
import dev.zonos4j.tensor.Kernels;
import dev.zonos4j.weights.SafeTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Component {@code hybrid}: the Zonos hybrid (Mamba2 + attention) against the zonos-hybrid kit's {@code cases/}
 * (the plain math, one backbone step per decode step). Kinds: conditioning, generate (with the first Mamba2
 * layer's internals and every layer's cache after the prefill), backbone_prefill_vs_step, backbone_ragged_pair
 * (both sequences as one ragged batch) and unit. Every tensor of a case file is an input or checked; an
 * unknown kind fails. On the native backend (bf16 activations into its matmuls) the lm component's fast-path
 * bounds apply. {@code cases-cuda-graph/} (upstream's CUDA-graph decode) is not part of the index: we
 * compute the plain recurrence (see the README).
 */
public final class HybridGolden implements GoldenComponent {
    /**
     * The native fast path's bound for hidden states and states: its bf16-rounded matmul inputs feed the Mamba2
     * recurrences, which carry the rounding along; measured up to 6.7e-2 on this kit (the transformer: 2.5e-2),
     * about twice that is enforced. Logits keep the lm component's fast bounds (measured up to 1.13 and 1.64).
     */
    static final double HIDDEN_TOL_FAST = 0.15;

    private final Kernels kernels;

    public HybridGolden() {
        this(Kernels.vector());
    }

    /** With chosen kernels (tests run the scalar reference too). */
    public HybridGolden(Kernels kernels) {
        this.kernels = kernels;
    }

    @Override
    public String name() {
        return "hybrid";
    }

    @Override
    public Kit kit() {
        return Kit.HYBRID;
    }

    @Override
    public List<GoldenCase> cases(Path kitDir) throws IOException {
        Path dir = kitDir.resolve("cases");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        ModelHolder model = new ModelHolder(kitDir.resolve("tiny"), kernels);
        List<GoldenCase> cases = new ArrayList<>();
        LmGolden.sidecars(dir).forEach((name, side) -> cases.add(caseFor(dir, name, side, model)));
        return cases;
    }

    private GoldenCase caseFor(Path dir, String name, JsonNode side, ModelHolder model) {
        return new GoldenCase() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void run(GoldenReport report) {
                if (side == null) {
                    report.fail("(case)", "listed in index.json but " + dir.resolve(name + ".json") + " is missing");
                    return;
                }
                CaseFile file = new CaseFile(SafeTensors.open(dir.resolve(name + ".safetensors")), side);
                String kind = side.path("kind").asText();
                boolean fast = kernels.backend() == Backend.NATIVE;
                double hiddenTol = fast ? HIDDEN_TOL_FAST : LmGolden.HIDDEN_TOL;
                switch (kind) {
                    case "conditioning" -> LmGoldenModelCases.conditioning(model.get(), file, report);
                    case "generate" -> LmGoldenModelCases.generate(model.get(), file, report, fast, HIDDEN_TOL_FAST);
                    case "backbone_prefill_vs_step" -> HybridGoldenBackbone.prefillVsStep(model.get(), file, report, hiddenTol);
                    case "backbone_ragged_pair" -> HybridGoldenBackbone.raggedPair(model.get(), file, report, hiddenTol);
                    case "unit" -> HybridGoldenUnitOps.run(file, kernels, report);
                    default -> report.fail("(case)", "unknown case kind '" + kind + "' in " + name + ".json");
                }
                file.reportUnchecked(report);
            }
        };
    }
}
