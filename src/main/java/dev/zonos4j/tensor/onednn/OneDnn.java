package dev.zonos4j.tensor.onednn;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Locale;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The part of oneDNN's C API we call, through the FFM API: engine and stream, memory descriptors and memory
 * objects, matmul and reorder primitives, and the OpenMP thread count of the calling thread.
 * The library comes from {@link OneDnnLibrary}; {@link #get()} loads it once or says why it cannot.
 *
 * <p>Every call checks the returned status and turns a failure into {@link OneDnnException} naming the call.
 */
public final class OneDnn {
    // Values of oneDNN 3.8's enums and macros (dnnl_types.h, dnnl_common_types.h); pinned with the library.
    public static final int F32 = 3;
    public static final int BF16 = 2;
    public static final int TAG_ANY = 1;
    public static final int TAG_AB = 3;
    public static final int TAG_BA = 14;
    public static final int TAG_ABC = 4;
    public static final int TAG_ACB = 15;
    public static final int ARG_SRC = 1;
    public static final int ARG_DST = 17;
    public static final int ARG_WEIGHTS = 33;
    static final int QUERY_IMPL_INFO_STR = 8;
    private static final int FORWARD_INFERENCE = 96;
    private static final int CONVOLUTION_DIRECT = 1;
    static final int QUERY_SRC_MD = 129;
    static final int QUERY_WEIGHTS_MD = 131;
    static final int QUERY_DST_MD = 133;
    private static final int ENGINE_CPU = 1;
    private static final int STREAM_IN_ORDER = 1;
    private static final int DIMS = 12;

    private static volatile Object loaded;

    private final String libraryInfo;
    private final MemorySegment engine;
    private final MemorySegment stream;
    private final MethodHandle ompSetNumThreads;
    private final MethodHandle memoryDescCreateWithTag;
    private final MethodHandle memoryDescDestroy;
    private final MethodHandle memoryDescGetSize;
    private final MethodHandle memoryDescClone;
    private final MethodHandle matmulPdCreate;
    private final MethodHandle reorderPdCreate;
    private final MethodHandle convolutionPdCreate;
    private final MethodHandle pdQueryMd;
    private final MethodHandle pdQuery;
    private final MethodHandle pdDestroy;
    private final MethodHandle primitiveCreate;
    private final MethodHandle primitiveDestroy;
    private final MethodHandle primitiveExecute;
    private final MethodHandle memoryCreate;
    private final MethodHandle memoryDestroy;
    private final MethodHandle memorySetDataHandle;
    private final MethodHandle streamWait;
    private final MethodHandle effectiveIsa;

    private OneDnn(OneDnnLibrary lib) {
        Linker linker = Linker.nativeLinker();
        SymbolLookup dnnl = lib.dnnl();
        SymbolLookup gomp = lib.gomp();
        this.ompSetNumThreads = handle(linker, gomp, "omp_set_num_threads", FunctionDescriptor.ofVoid(JAVA_INT));
        this.memoryDescCreateWithTag = handle(linker, dnnl, "dnnl_memory_desc_create_with_tag",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        this.memoryDescDestroy = handle(linker, dnnl, "dnnl_memory_desc_destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        this.memoryDescGetSize = handle(linker, dnnl, "dnnl_memory_desc_get_size", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
        this.memoryDescClone = handle(linker, dnnl, "dnnl_memory_desc_clone", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        this.matmulPdCreate = handle(linker, dnnl, "dnnl_matmul_primitive_desc_create",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        this.convolutionPdCreate = handle(linker, dnnl, "dnnl_convolution_forward_primitive_desc_create",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS,
                        ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        this.reorderPdCreate = handle(linker, dnnl, "dnnl_reorder_primitive_desc_create",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        this.pdQueryMd = handle(linker, dnnl, "dnnl_primitive_desc_query_md", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, JAVA_INT));
        this.pdQuery = handle(linker, dnnl, "dnnl_primitive_desc_query",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
        this.pdDestroy = handle(linker, dnnl, "dnnl_primitive_desc_destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        this.primitiveCreate = handle(linker, dnnl, "dnnl_primitive_create", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        this.primitiveDestroy = handle(linker, dnnl, "dnnl_primitive_destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        this.primitiveExecute = handle(linker, dnnl, "dnnl_primitive_execute",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS));
        this.memoryCreate = handle(linker, dnnl, "dnnl_memory_create", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        this.memoryDestroy = handle(linker, dnnl, "dnnl_memory_destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        this.memorySetDataHandle = handle(linker, dnnl, "dnnl_memory_set_data_handle", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        this.streamWait = handle(linker, dnnl, "dnnl_stream_wait", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        this.effectiveIsa = handle(linker, dnnl, "dnnl_get_effective_cpu_isa", FunctionDescriptor.of(JAVA_INT));
        MethodHandle engineCreate = handle(linker, dnnl, "dnnl_engine_create", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG));
        MethodHandle streamCreate = handle(linker, dnnl, "dnnl_stream_create", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
        MethodHandle version = handle(linker, dnnl, "dnnl_version", FunctionDescriptor.of(ADDRESS));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            check("dnnl_engine_create", (int) engineCreate.invokeExact(out, ENGINE_CPU, 0L));
            this.engine = out.get(ADDRESS, 0);
            check("dnnl_stream_create", (int) streamCreate.invokeExact(out, engine, STREAM_IN_ORDER));
            this.stream = out.get(ADDRESS, 0);
            MemorySegment v = ((MemorySegment) version.invokeExact()).reinterpret(12);
            this.libraryInfo = String.format(Locale.ROOT, "oneDNN %d.%d.%d (%s)", v.get(JAVA_INT, 0), v.get(JAVA_INT, 4),
                    v.get(JAVA_INT, 8), lib.origin());
        } catch (Throwable t) {
            throw rethrow("oneDNN start-up", t);
        }
    }

    /** The loaded library, or an {@link OneDnnException} saying why it is not available here. */
    public static OneDnn get() {
        Object l = loaded;
        if (l == null) {
            synchronized (OneDnn.class) {
                l = loaded;
                if (l == null) {
                    try {
                        l = new OneDnn(OneDnnLibrary.load());
                    } catch (OneDnnException e) {
                        l = e;
                    } catch (RuntimeException | LinkageError e) {
                        l = new OneDnnException("oneDNN could not be loaded: " + e, e);
                    }
                    loaded = l;
                }
            }
        }
        if (l instanceof OneDnnException e) {
            throw new OneDnnException(e.getMessage(), e);
        }
        return (OneDnn) l;
    }

    /** Whether oneDNN loads on this machine (loads it on first call). */
    public static boolean available() {
        try {
            get();
            return true;
        } catch (OneDnnException e) {
            return false;
        }
    }

    /** Library version and where it was loaded from. */
    public String libraryInfo() {
        return libraryInfo;
    }

    /** The instruction set oneDNN dispatches to on this CPU (respects {@code ONEDNN_MAX_CPU_ISA}). */
    public String isa() {
        int isa;
        try {
            isa = (int) effectiveIsa.invokeExact();
        } catch (Throwable t) {
            throw rethrow("dnnl_get_effective_cpu_isa", t);
        }
        return switch (isa) {
            case 0x1fef -> "avx10_1_512_amx_fp16 (AMX with fp16)";
            case 0xfef -> "avx512_core_amx (AMX + AVX512-BF16)";
            case 0x1ef -> "avx10_1_512";
            case 0xe7 -> "avx512_core_bf16";
            case 0x67 -> "avx512_core_vnni";
            case 0x27 -> "avx512_core";
            case 0x1f -> "avx2_vnni_2";
            case 0xf -> "avx2_vnni";
            case 0x7 -> "avx2";
            case 0x3 -> "avx";
            case 0x1 -> "sse41";
            default -> String.format(Locale.ROOT, "isa 0x%x", isa);
        };
    }

    MemorySegment engine() {
        return engine;
    }

    /** Sets the OpenMP team size for parallel regions started by the calling thread. */
    public void setThreads(int n) {
        try {
            ompSetNumThreads.invokeExact(n);
        } catch (Throwable t) {
            throw rethrow("omp_set_num_threads", t);
        }
    }

    /** A memory descriptor of plain dims in the given layout tag; destroy with {@link #destroyMd}. */
    public MemorySegment memoryDesc(long[] dims, int dataType, int tag) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment d = a.allocate(JAVA_LONG, DIMS);
            for (int i = 0; i < dims.length; i++) {
                d.setAtIndex(JAVA_LONG, i, dims[i]);
            }
            return create("dnnl_memory_desc_create_with_tag",
                    out -> (int) memoryDescCreateWithTag.invokeExact(out, dims.length, d, dataType, tag));
        }
    }

    public void destroyMd(MemorySegment md) {
        call("dnnl_memory_desc_destroy", memoryDescDestroy, md);
    }

    /** An owned copy of a descriptor (queried descriptors belong to their primitive descriptor). */
    public MemorySegment cloneMd(MemorySegment md) {
        return create("dnnl_memory_desc_clone", out -> (int) memoryDescClone.invokeExact(out, md));
    }

    /** Bytes a memory of this descriptor takes. */
    public long size(MemorySegment md) {
        try {
            return (long) memoryDescGetSize.invokeExact(md);
        } catch (Throwable t) {
            throw rethrow("dnnl_memory_desc_get_size", t);
        }
    }

    /** A matmul primitive descriptor: src [M, K] x weights [K, N] (+ bias [1, N]) -> dst [M, N]. */
    public MemorySegment matmulDesc(MemorySegment src, MemorySegment weights, MemorySegment bias, MemorySegment dst) {
        return create("dnnl_matmul_primitive_desc_create", out -> (int) matmulPdCreate.invokeExact(out, engine, src, weights,
                    (MemorySegment) (bias == null ? MemorySegment.NULL : bias), dst, MemorySegment.NULL));
    }

    /**
     * A 1-D convolution descriptor for inference: src [1, in, w] → dst [1, out, w − (k−1)·dilation], stride 1,
     * no padding (callers supply the padded input), no bias.
     */
    public MemorySegment convolutionDesc(MemorySegment src, MemorySegment weights, MemorySegment dst, int dilation) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment strides = a.allocate(JAVA_LONG, DIMS).fill((byte) 0);
            strides.set(JAVA_LONG, 0, 1);
            MemorySegment dilates = a.allocate(JAVA_LONG, DIMS).fill((byte) 0);
            dilates.set(JAVA_LONG, 0, dilation - 1); // oneDNN counts the gaps between taps
            MemorySegment pad = a.allocate(JAVA_LONG, DIMS).fill((byte) 0);
            return create("dnnl_convolution_forward_primitive_desc_create", out -> (int) convolutionPdCreate.invokeExact(out,
                    engine, FORWARD_INFERENCE, CONVOLUTION_DIRECT, src, weights, MemorySegment.NULL, dst, strides, dilates,
                    pad, pad, MemorySegment.NULL));
        }
    }

    /** A reorder between two layouts of the same tensor. */
    public MemorySegment reorderDesc(MemorySegment from, MemorySegment to) {
        return create("dnnl_reorder_primitive_desc_create", out -> (int) reorderPdCreate.invokeExact(out, from, engine, to, engine,
                    MemorySegment.NULL));
    }

    /** Reorders {@code from} (layout {@code fromMd}) once into fresh memory of layout {@code toMd} ({@link HugePages}). */
    public MemorySegment reorderOnce(MemorySegment fromMd, MemorySegment from, MemorySegment toMd) {
        MemorySegment to = HugePages.allocate(size(toMd));
        MemorySegment pd = reorderDesc(fromMd, toMd);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment reorder = primitive(pd);
            MemorySegment src = memory(fromMd, from);
            MemorySegment dst = memory(toMd, to);
            MemorySegment args = execArgs(a, 2);
            setArg(args, 0, ARG_SRC, src);
            setArg(args, 1, ARG_DST, dst);
            execute(reorder, 2, args);
            destroyPrimitive(reorder);
            destroyMemory(src);
            destroyMemory(dst);
        } finally {
            destroyPd(pd);
        }
        return to;
    }

    /** The descriptor a primitive descriptor chose for one of its arguments (owned by {@code pd}). */
    public MemorySegment queryMd(MemorySegment pd, int what) {
        try {
            return (MemorySegment) pdQueryMd.invokeExact(pd, what, 0);
        } catch (Throwable t) {
            throw rethrow("dnnl_primitive_desc_query_md", t);
        }
    }

    /** The implementation oneDNN picked, e.g. {@code brg_matmul:avx512_core_bf16}. */
    public String implementation(MemorySegment pd) {
        return create("dnnl_primitive_desc_query", out -> (int) pdQuery.invokeExact(pd, QUERY_IMPL_INFO_STR, 0, out))
                .reinterpret(256).getString(0);
    }

    public void destroyPd(MemorySegment pd) {
        call("dnnl_primitive_desc_destroy", pdDestroy, pd);
    }

    /** The primitive of a primitive descriptor (compiles its kernels). */
    public MemorySegment primitive(MemorySegment pd) {
        return create("dnnl_primitive_create", out -> (int) primitiveCreate.invokeExact(out, pd));
    }

    public void destroyMemory(MemorySegment memory) {
        call("dnnl_memory_destroy", memoryDestroy, memory);
    }

    public void destroyPrimitive(MemorySegment primitive) {
        call("dnnl_primitive_destroy", primitiveDestroy, primitive);
    }

    /** A memory object over {@code data} (which must outlive it; its handle can be moved later). */
    public MemorySegment memory(MemorySegment md, MemorySegment data) {
        return create("dnnl_memory_create", out -> (int) memoryCreate.invokeExact(out, md, engine, data));
    }

    public void setData(MemorySegment memory, MemorySegment data) {
        try {
            check("dnnl_memory_set_data_handle", (int) memorySetDataHandle.invokeExact(memory, data));
        } catch (Throwable t) {
            throw rethrow("dnnl_memory_set_data_handle", t);
        }
    }

    /** Memory for {@code n} execute arguments ({int arg; dnnl_memory_t memory}, 16 bytes each). */
    public static MemorySegment execArgs(Arena arena, int n) {
        return arena.allocate(16L * n, 8);
    }

    public static void setArg(MemorySegment args, int i, int arg, MemorySegment memory) {
        args.set(JAVA_INT, 16L * i, arg);
        args.set(ADDRESS, 16L * i + 8, memory);
    }

    /** Runs a primitive on the stream and waits for it. */
    public void execute(MemorySegment primitive, int nargs, MemorySegment args) {
        try {
            check("dnnl_primitive_execute", (int) primitiveExecute.invokeExact(primitive, stream, nargs, args));
            check("dnnl_stream_wait", (int) streamWait.invokeExact(stream));
        } catch (Throwable t) {
            throw rethrow("dnnl_primitive_execute", t);
        }
    }

    /** A C call that writes one pointer through its first argument and returns a status. */
    @FunctionalInterface
    private interface PointerOut {
        int call(MemorySegment out) throws Throwable;
    }

    /** Runs {@code c} with fresh room for the pointer it writes, checks the status, returns the pointer. */
    private static MemorySegment create(String name, PointerOut c) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            check(name, c.call(out));
            return out.get(ADDRESS, 0);
        } catch (Throwable t) {
            throw rethrow(name, t);
        }
    }

    private static void call(String name, MethodHandle h, MemorySegment arg) {
        try {
            check(name, (int) h.invokeExact(arg));
        } catch (Throwable t) {
            throw rethrow(name, t);
        }
    }

    private static MethodHandle handle(Linker linker, SymbolLookup lookup, String name, FunctionDescriptor fd) {
        MemorySegment symbol = lookup.find(name)
                .orElseThrow(() -> new OneDnnException("oneDNN library has no symbol " + name + " (expected oneDNN 3.x)"));
        return linker.downcallHandle(symbol, fd);
    }

    private static void check(String call, int status) {
        if (status != 0) {
            String what = switch (status) {
                case 1 -> "out of memory";
                case 2 -> "invalid arguments";
                case 3 -> "unimplemented (no implementation for these shapes, types or this CPU)";
                case 5 -> "runtime error";
                case 6 -> "not required";
                default -> "status " + status;
            };
            throw new OneDnnException(call + " failed: " + what);
        }
    }

    private static RuntimeException rethrow(String call, Throwable t) {
        if (t instanceof OneDnnException e) {
            return e;
        }
        if (t instanceof RuntimeException e) {
            return e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new OneDnnException(call + " failed: " + t, t);
    }
}
