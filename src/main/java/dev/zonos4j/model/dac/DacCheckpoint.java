package dev.zonos4j.model.dac;

import dev.zonos4j.weights.SafeTensors;
import dev.zonos4j.weights.Tensor;
import dev.zonos4j.weights.WeightsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the tensors of a DAC checkpoint in the transformers layout, folding weight norm where the file stores
 * {@code weight_g}/{@code weight_v} (or {@code parametrizations.weight.original0/1}) instead of {@code weight}.
 * Missing tensors, wrong shapes and tensors nobody asked for are collected and reported together by {@link #finish()}.
 */
final class DacCheckpoint implements WeightSource {
    private static final int MAX_LISTED = 20;

    private final SafeTensors file;
    private final Set<String> used = new HashSet<>();
    private final List<String> problems = new ArrayList<>();
    private int foldedConvs;

    private DacCheckpoint(SafeTensors file) {
        this.file = file;
    }

    static DacCheckpoint open(Path path) {
        return new DacCheckpoint(SafeTensors.open(path));
    }

    /** A plain tensor of exactly this shape, as float32. */
    @Override
    public float[] tensor(String key, int... shape) {
        if (!file.has(key)) {
            problems.add("missing tensor '" + key + "' " + Arrays.toString(shape));
            return new float[numel(shape)];
        }
        used.add(key);
        Tensor t = file.get(key);
        if (!t.dtype().isFloating()) {
            problems.add("tensor '" + key + "' is " + t.dtype() + ", expected a floating-point type");
            return new float[numel(shape)];
        }
        if (!Arrays.equals(t.shape(), longs(shape))) {
            problems.add("tensor '" + key + "' has shape " + t.shapeString() + ", expected " + Arrays.toString(shape));
            return new float[numel(shape)];
        }
        return t.toFloatArray();
    }

    /**
     * The weight of the convolution at {@code prefix}: {@code prefix.weight}, or weight norm folded from
     * {@code prefix.weight_g}/{@code weight_v} or {@code prefix.parametrizations.weight.original0/original1}.
     */
    @Override
    public float[] convWeight(String prefix, int... shape) {
        String plain = prefix + ".weight";
        String[][] normed = {
            {prefix + ".weight_g", prefix + ".weight_v"},
            {prefix + ".parametrizations.weight.original0", prefix + ".parametrizations.weight.original1"},
        };
        List<String[]> present = new ArrayList<>();
        for (String[] gv : normed) {
            if (file.has(gv[0]) || file.has(gv[1])) {
                present.add(gv);
            }
        }
        if (file.has(plain) && present.isEmpty()) {
            return tensor(plain, shape);
        }
        if (present.size() != 1 || file.has(plain)) {
            if (present.isEmpty()) {
                problems.add("missing tensor '" + plain + "' " + Arrays.toString(shape) + " (or its weight_g/weight_v pair)");
            } else {
                problems.add("conv '" + prefix + "' is stored more than one way (plain weight and/or several weight-norm pairs)");
                present.forEach(gv -> used.addAll(List.of(gv)));
                used.add(plain);
            }
            return new float[numel(shape)];
        }
        String[] gv = present.get(0);
        int[] gShape = new int[shape.length];
        Arrays.fill(gShape, 1);
        gShape[0] = shape[0];
        float[] g = tensor(gv[0], gShape);
        float[] v = tensor(gv[1], shape);
        foldedConvs++;
        return WeightNorm.fold(g, v);
    }

    /** How many convolutions were folded from weight_g/weight_v. */
    @Override
    public int foldedConvs() {
        return foldedConvs;
    }

    /** Throws one error listing every problem and every tensor that was not used. */
    @Override
    public void finish() {
        List<String> all = new ArrayList<>(problems);
        List<String> unused = file.keys().stream().filter(k -> !used.contains(k)).sorted().toList();
        if (!unused.isEmpty()) {
            all.add(unused.size() + " unexpected tensor(s): " + String.join(", ",
                    unused.subList(0, Math.min(MAX_LISTED, unused.size()))) + (unused.size() > MAX_LISTED ? ", ..." : ""));
        }
        if (all.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder(file.file() + ": not a DAC checkpoint matching its config.json ("
                + all.size() + " problem(s)):");
        for (String p : all.subList(0, Math.min(MAX_LISTED, all.size()))) {
            sb.append("\n  ").append(p);
        }
        if (all.size() > MAX_LISTED) {
            sb.append("\n  ... and ").append(all.size() - MAX_LISTED).append(" more");
        }
        throw new WeightsException(sb.toString());
    }

    private static int numel(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    private static long[] longs(int[] shape) {
        long[] l = new long[shape.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = shape[i];
        }
        return l;
    }
}
