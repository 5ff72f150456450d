package dev.zonos4j.weights;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * Decodes the {@code data.pkl} record of a {@code torch.save} archive into a state dict, and nothing else.
 * Only the globals a state dict needs resolve (OrderedDict, the tensor rebuild functions, storage types);
 * any other global, extension code or object-state call fails with a clear error. Nothing is ever executed:
 * each allowed global maps to a Java constructor that builds a plain record.
 */
final class StateDictUnpickler extends Unpickler {

    /** Finds the bytes of storage {@code key} (the archive entry {@code data/<key>}). */
    @FunctionalInterface
    interface StorageSource {
        MemorySegment bytes(String key);
    }

    /** A typed storage: numel elements of dtype, backed by an archive entry. */
    record Storage(String key, DType dtype, long numel, MemorySegment bytes) {
    }

    /** A tensor as pickled: a strided view into a storage. */
    record Pickled(Storage storage, long offset, long[] size, long[] stride) {
    }

    /** The {@code collections.OrderedDict} a state dict is pickled as. */
    static final class StateDict extends LinkedHashMap<Object, Object> {
    }

    /** A storage type global such as {@code torch.FloatStorage}. */
    private record StorageType(String name, DType dtype) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            throw new IllegalStateException("a storage type is only valid inside a persistent id");
        }
    }

    private static final Map<String, DType> STORAGE_TYPES = Map.ofEntries(
            Map.entry("FloatStorage", DType.F32), Map.entry("DoubleStorage", DType.F64),
            Map.entry("HalfStorage", DType.F16), Map.entry("BFloat16Storage", DType.BF16),
            Map.entry("LongStorage", DType.I64), Map.entry("IntStorage", DType.I32),
            Map.entry("ShortStorage", DType.I16), Map.entry("CharStorage", DType.I8),
            Map.entry("ByteStorage", DType.U8), Map.entry("BoolStorage", DType.BOOL));

    private final String file;
    private final StorageSource source;
    private final Map<String, Storage> storages = new LinkedHashMap<>();

    StateDictUnpickler(String file, StorageSource source) {
        this.file = file;
        this.source = source;
    }

    /** Decodes the record; the result is the top-level object (a {@link StateDict} for a state dict). */
    Object decode(byte[] pickle) {
        try {
            return loads(pickle);
        } catch (WeightsException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new WeightsException(file + ": cannot decode data.pkl: " + e.getMessage(), e);
        }
    }

    @Override
    protected Object dispatch(short key) throws IOException {
        switch (key) {
            case Opcodes.GLOBAL -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(resolve(module, name));
                return NO_RETURN_VALUE;
            }
            case Opcodes.STACK_GLOBAL -> {
                Object name = stack.pop();
                Object module = stack.pop();
                stack.add(resolve(String.valueOf(module), String.valueOf(name)));
                return NO_RETURN_VALUE;
            }
            case Opcodes.BUILD -> {
                Object state = stack.pop();
                Object target = stack.peek();
                // torch.save attaches per-module {'version': N} metadata to the dict; inference has no use for it
                if (!(target instanceof StateDict) || !(state instanceof Map)) {
                    throw unsupported("object state (BUILD) for " + typeName(target));
                }
                return NO_RETURN_VALUE;
            }
            case Opcodes.INST, Opcodes.EXT1, Opcodes.EXT2, Opcodes.EXT4, Opcodes.PERSID ->
                    throw unsupported("opcode " + opcodeName(key));
            default -> {
                return super.dispatch(key);
            }
        }
    }

    private IObjectConstructor resolve(String module, String name) {
        String full = module + "." + name;
        if (full.equals("collections.OrderedDict")) {
            return args -> new StateDict();
        }
        if (full.equals("torch._utils._rebuild_tensor_v2")) {
            return this::rebuildTensor;
        }
        if (full.equals("torch._utils._rebuild_parameter")) {
            return args -> {
                if (args.length < 1 || !(args[0] instanceof Pickled p)) {
                    throw new WeightsException(file + ": malformed _rebuild_parameter arguments");
                }
                return p;
            };
        }
        if (module.equals("torch") && STORAGE_TYPES.containsKey(name)) {
            return new StorageType(full, STORAGE_TYPES.get(name));
        }
        throw unsupported(full);
    }

    private Object rebuildTensor(Object[] args) {
        if (args.length < 4 || !(args[0] instanceof Storage st) || !(args[2] instanceof Object[] size)
                || !(args[3] instanceof Object[] stride)) {
            throw new WeightsException(file + ": malformed _rebuild_tensor_v2 arguments (expected storage, offset, size, stride)");
        }
        return new Pickled(st, toLong(args[1]), toLongs(size), toLongs(stride));
    }

    /** BINPERSID on ('storage', StorageType, key, location, numel): one storage per key, shared by its views. */
    @Override
    protected Object persistentLoad(Object pid) {
        if (!(pid instanceof Object[] t) || t.length != 5 || !"storage".equals(t[0]) || !(t[1] instanceof StorageType type)) {
            throw unsupported("persistent id " + describe(pid));
        }
        String key = String.valueOf(t[2]);
        long numel = toLong(t[4]);
        Storage known = storages.get(key);
        if (known != null) {
            return known;
        }
        MemorySegment bytes = source.bytes(key);
        if (bytes.byteSize() < numel * type.dtype().bytes()) {
            throw new WeightsException(file + ": storage '" + key + "' holds " + bytes.byteSize() + " bytes, but "
                    + type.name() + " of " + numel + " elements needs " + numel * type.dtype().bytes());
        }
        Storage st = new Storage(key, type.dtype(), numel, bytes.asSlice(0, numel * type.dtype().bytes()));
        storages.put(key, st);
        return st;
    }

    private WeightsException unsupported(String what) {
        return new WeightsException("unsupported pickle content " + what + " in " + file
                + " (only plain state dicts of tensors can be read; nothing in the file is executed)");
    }

    private long toLong(Object o) {
        if (o instanceof Number n) {
            return n.longValue();
        }
        throw new WeightsException(file + ": expected an integer in a tensor record, found " + describe(o));
    }

    private long[] toLongs(Object[] a) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = toLong(a[i]);
        }
        return out;
    }

    private static String typeName(Object o) {
        return o == null ? "None" : o.getClass().getSimpleName();
    }

    private static String describe(Object o) {
        return o instanceof Object[] a ? java.util.Arrays.deepToString(a) : String.valueOf(o);
    }

    private static String opcodeName(short key) {
        return switch (key) {
            case Opcodes.INST -> "INST";
            case Opcodes.EXT1 -> "EXT1";
            case Opcodes.EXT2 -> "EXT2";
            case Opcodes.EXT4 -> "EXT4";
            case Opcodes.PERSID -> "PERSID";
            default -> String.valueOf(key);
        };
    }
}
