package dev.zonos4j.tensor.onednn;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A stride-1, dilated 1-D convolution through oneDNN with bf16 (or f32) inputs and weights and f32 output, no
 * padding and no bias (callers supply the padded input and add the bias): dst [rows][w] from src [in][w + reach],
 * both channel-major f32 in memory this object owns.
 *
 * <p>oneDNN's fast kernels ({@code brg_conv_fwd}) want channels-last data and pick a plain channel-major layout only
 * for its slower generic GEMM, so each call reorders the input to channels-last in the compute type, convolves,
 * and reorders the output back. The weights are reordered once into the layout the kernel asks for at
 * {@link #MAX_WIDTH}; plans come in a few fixed widths (multiples of {@link #WIDTH_STEP}), each its own primitive over
 * that buffer, and only the widths for which oneDNN runs the same implementation over that layout are used, because
 * another implementation or layout may sum the taps in another order (at some widths oneDNN would only offer its
 * reference code for this layout).
 */
public final class OneDnnConv {
    /** The widest plan; wider windows are cut into pieces. */
    public static final int MAX_WIDTH = 2048;
    /** Plan widths are multiples of this. */
    public static final int WIDTH_STEP = 256;

    private final OneDnn dnn;
    private final int rows;
    private final int in;
    private final int taps;
    private final int dilation;
    private final int dataType;
    private final MemorySegment weightsMd;
    private final MemorySegment packed; // held here: the native memory object only points at it
    private final MemorySegment weightsMemory;
    private final String implementation;
    private final int[] widths; // the plan widths oneDNN runs with `implementation` over the packed weights
    private final Map<Long, Plan> plans = new HashMap<>();

    /** One output width's primitives and buffers; {@link #input} and {@link #output} are channel-major f32. */
    public static final class Plan {
        private final int width;
        private final MemorySegment input;
        private final MemorySegment output;
        private final MemorySegment[] primitives;
        private final MemorySegment[] args;
        private final Arena arena; // keeps the channels-last buffers, which only native objects point at

        private Plan(int width, MemorySegment input, MemorySegment output, MemorySegment[] primitives, MemorySegment[] args,
                Arena arena) {
            this.arena = arena;
            this.width = width;
            this.input = input;
            this.output = output;
            this.primitives = primitives;
            this.args = args;
        }

        /** Output positions this plan computes. */
        public int width() {
            return width;
        }

        /** [in][width + reach] f32, filled by the caller before {@link #run}. */
        public MemorySegment input() {
            return input;
        }

        /** [rows][width] f32, valid after {@link #run}. */
        public MemorySegment output() {
            return output;
        }
    }

    private OneDnnConv(OneDnn dnn, int rows, int in, int taps, int dilation, int dataType, MemorySegment weightsMd,
            MemorySegment packed, String implementation) {
        this.dnn = dnn;
        this.rows = rows;
        this.in = in;
        this.taps = taps;
        this.dilation = dilation;
        this.dataType = dataType;
        this.weightsMd = weightsMd;
        this.packed = packed;
        this.weightsMemory = dnn.memory(weightsMd, packed);
        this.implementation = implementation;
        this.widths = IntStream.rangeClosed(1, MAX_WIDTH / WIDTH_STEP).map(i -> i * WIDTH_STEP)
                .filter(this::sameImplementation).toArray();
    }

    /**
     * The plan width to compute {@code n} positions with: the narrowest allowed width covering them, or the widest
     * (the caller then cuts them into pieces). oneDNN prefers other weight layouts for some widths; those widths are
     * never used, because a plan over another layout would sum the taps in another order.
     */
    public int widthFor(int n) {
        for (int w : widths) {
            if (w >= n) {
                return w;
            }
        }
        return widths[widths.length - 1];
    }

    private boolean sameImplementation(int width) {
        MemorySegment pd = describe(width);
        try {
            return dnn.implementation(pd).equals(implementation);
        } finally {
            dnn.destroyPd(pd);
        }
    }

    private MemorySegment describe(int width) {
        return describe(dnn, rows, in, taps, dilation, dataType, weightsMd, width);
    }

    /** A convolution descriptor over channels-last src and dst for {@code width} outputs and the given weights. */
    private static MemorySegment describe(OneDnn dnn, int rows, int in, int taps, int dilation, int dataType,
            MemorySegment weightsMd, int width) {
        MemorySegment srcMd = dnn.memoryDesc(new long[] {1, in, width + (long) (taps - 1) * dilation}, dataType,
                OneDnn.TAG_ACB);
        MemorySegment dstMd = dnn.memoryDesc(new long[] {1, rows, width}, OneDnn.F32, OneDnn.TAG_ACB);
        try {
            return dnn.convolutionDesc(srcMd, weightsMd, dstMd, dilation);
        } finally {
            dnn.destroyMd(srcMd);
            dnn.destroyMd(dstMd);
        }
    }

    /**
     * Packs {@code weight[rows][in][taps]} (PyTorch Conv1d layout, f32) into oneDNN's layout for {@code dataType}
     * ({@link OneDnn#BF16} or {@link OneDnn#F32}) in off-heap memory owned by the result.
     */
    public static OneDnnConv pack(OneDnn dnn, float[] weight, int rows, int in, int taps, int dilation, int dataType,
            int threads) {
        if (weight.length != rows * in * taps) {
            throw new IllegalArgumentException("weight holds " + weight.length + " values, expected " + rows * in * taps);
        }
        dnn.setThreads(threads);
        MemorySegment any = dnn.memoryDesc(new long[] {rows, in, taps}, dataType, OneDnn.TAG_ANY);
        MemorySegment packedMd;
        String impl;
        MemorySegment pd = describe(dnn, rows, in, taps, dilation, dataType, any, MAX_WIDTH);
        try {
            impl = dnn.implementation(pd);
            packedMd = dnn.cloneMd(dnn.queryMd(pd, OneDnn.QUERY_WEIGHTS_MD));
        } finally {
            dnn.destroyPd(pd);
            dnn.destroyMd(any);
        }
        if (impl.startsWith("ref")) {
            throw new OneDnnException("oneDNN has only its reference convolution for " + rows + "x" + in + " k" + taps
                    + " on this CPU (" + impl + "); use the f32 codec");
        }
        MemorySegment plainMd = dnn.memoryDesc(new long[] {rows, in, taps}, OneDnn.F32, OneDnn.TAG_ABC);
        MemorySegment plain = Arena.ofAuto().allocate((long) weight.length * Float.BYTES, 64);
        MemorySegment.copy(weight, 0, plain, ValueLayout.JAVA_FLOAT, 0, weight.length);
        MemorySegment packed;
        try {
            packed = dnn.reorderOnce(plainMd, plain, packedMd);
        } finally {
            dnn.destroyMd(plainMd);
        }
        return new OneDnnConv(dnn, rows, in, taps, dilation, dataType, packedMd, packed, impl);
    }

    /** The implementation oneDNN runs, e.g. {@code brg_conv_fwd:avx512_core_bf16}. */
    public String implementation() {
        return implementation;
    }

    /** Input positions a plan of {@code width} outputs reads. */
    public int inputWidth(int width) {
        return width + (taps - 1) * dilation;
    }

    /** The plan for {@code width} output positions with {@code threads} OpenMP threads (made on first use). */
    public synchronized Plan plan(int width, int threads) {
        if (Arrays.binarySearch(widths, width) < 0) {
            throw new IllegalArgumentException("convolution width " + width + " is not one of " + Arrays.toString(widths));
        }
        return plans.computeIfAbsent((long) threads << 32 | width, k -> newPlan(width, threads));
    }

    /** Convolves the plan's input into its output. Executions of one convolution are serialized. */
    public synchronized void run(Plan p, int threads) {
        dnn.setThreads(threads);
        for (int i = 0; i < p.primitives.length; i++) {
            dnn.execute(p.primitives[i], i == 1 ? 3 : 2, p.args[i]);
        }
    }

    private Plan newPlan(int width, int threads) {
        dnn.setThreads(threads);
        int iw = inputWidth(width);
        MemorySegment srcPlainMd = dnn.memoryDesc(new long[] {1, in, iw}, OneDnn.F32, OneDnn.TAG_ABC);
        MemorySegment srcMd = dnn.memoryDesc(new long[] {1, in, iw}, dataType, OneDnn.TAG_ACB);
        MemorySegment dstMd = dnn.memoryDesc(new long[] {1, rows, width}, OneDnn.F32, OneDnn.TAG_ACB);
        MemorySegment dstPlainMd = dnn.memoryDesc(new long[] {1, rows, width}, OneDnn.F32, OneDnn.TAG_ABC);
        MemorySegment convPd = null;
        MemorySegment inPd = null;
        MemorySegment outPd = null;
        try {
            convPd = dnn.convolutionDesc(srcMd, weightsMd, dstMd, dilation);
            inPd = dnn.reorderDesc(srcPlainMd, srcMd);
            outPd = dnn.reorderDesc(dstMd, dstPlainMd);
            Arena arena = Arena.ofAuto();
            MemorySegment input = arena.allocate(dnn.size(srcPlainMd), 64);
            MemorySegment packedIn = arena.allocate(dnn.size(srcMd), 64);
            MemorySegment packedOut = arena.allocate(dnn.size(dstMd), 64);
            MemorySegment output = arena.allocate(dnn.size(dstPlainMd), 64);
            MemorySegment inputMem = dnn.memory(srcPlainMd, input);
            MemorySegment packedInMem = dnn.memory(srcMd, packedIn);
            MemorySegment packedOutMem = dnn.memory(dstMd, packedOut);
            MemorySegment outputMem = dnn.memory(dstPlainMd, output);
            MemorySegment[] args = {OneDnn.execArgs(arena, 2), OneDnn.execArgs(arena, 3), OneDnn.execArgs(arena, 2)};
            OneDnn.setArg(args[0], 0, OneDnn.ARG_SRC, inputMem);
            OneDnn.setArg(args[0], 1, OneDnn.ARG_DST, packedInMem);
            OneDnn.setArg(args[1], 0, OneDnn.ARG_SRC, packedInMem);
            OneDnn.setArg(args[1], 1, OneDnn.ARG_WEIGHTS, weightsMemory);
            OneDnn.setArg(args[1], 2, OneDnn.ARG_DST, packedOutMem);
            OneDnn.setArg(args[2], 0, OneDnn.ARG_SRC, packedOutMem);
            OneDnn.setArg(args[2], 1, OneDnn.ARG_DST, outputMem);
            MemorySegment[] primitives = {dnn.primitive(inPd), dnn.primitive(convPd), dnn.primitive(outPd)};
            return new Plan(width, input, output, primitives, args, arena);
        } finally {
            for (MemorySegment pd : new MemorySegment[] {convPd, inPd, outPd}) {
                if (pd != null) {
                    dnn.destroyPd(pd);
                }
            }
            for (MemorySegment md : new MemorySegment[] {srcPlainMd, srcMd, dstMd, dstPlainMd}) {
                dnn.destroyMd(md);
            }
        }
    }
}
