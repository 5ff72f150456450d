package dev.zonos4j.weights;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A PyTorch state dict saved by {@code torch.save} (the zip format of torch ≥ 1.6), memory-mapped.
 * The archive holds {@code <top>/data.pkl} (a pickled OrderedDict of tensor records) and one raw
 * little-endian entry {@code <top>/data/<key>} per storage. Contiguous tensors are views into the mapping;
 * strided ones are gathered into a heap copy. The pickle is decoded without executing anything.
 */
public final class TorchCheckpoint implements TensorFile {
    private final Path file;
    private final Map<String, Tensor> tensors;
    private final byte[] pickle;

    private TorchCheckpoint(Path file, Map<String, Tensor> tensors, byte[] pickle) {
        this.file = file;
        this.tensors = tensors;
        this.pickle = pickle;
    }

    /** Maps and decodes the checkpoint; the mapping lives as long as any of its tensors is reachable. */
    public static TorchCheckpoint open(Path file) {
        String where = file.toString();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MemorySegment all = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), Arena.ofAuto());
            ZipDirectory zip = ZipDirectory.read(where, all);
            String top = topDirectory(where, zip);
            checkByteOrder(where, zip, top);
            byte[] pickle = zip.data(zip.entries().get(top + "data.pkl")).toArray(ValueLayout.JAVA_BYTE);
            StateDictUnpickler unpickler = new StateDictUnpickler(where, key -> {
                ZipDirectory.Entry e = zip.entries().get(top + "data/" + key);
                if (e == null) {
                    throw new WeightsException(where + ": storage record '" + top + "data/" + key
                            + "' is missing from the archive; the file is incomplete");
                }
                return zip.data(e);
            });
            Object root = unpickler.decode(pickle);
            if (!(root instanceof StateDictUnpickler.StateDict dict)) {
                throw new WeightsException(where + ": data.pkl holds a " + (root == null ? "None" : root.getClass().getSimpleName())
                        + ", expected a state dict (an OrderedDict of tensors)");
            }
            return new TorchCheckpoint(file, toTensors(where, dict), pickle);
        } catch (NoSuchFileException e) {
            throw new WeightsException(where + ": file not found");
        } catch (IOException e) {
            throw new WeightsException(where + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The archive's top folder (the saved file's base name, or {@code archive/}), found from its data.pkl. */
    private static String topDirectory(String where, ZipDirectory zip) {
        List<String> found = zip.entries().keySet().stream()
                .filter(n -> n.endsWith("/data.pkl") && n.indexOf('/') == n.length() - "/data.pkl".length())
                .toList();
        if (found.size() != 1) {
            throw new WeightsException(where + ": expected exactly one '<folder>/data.pkl' record in the archive, found "
                    + (found.isEmpty() ? "none" : found) + "; this is not a torch.save checkpoint");
        }
        String pkl = found.getFirst();
        return pkl.substring(0, pkl.length() - "data.pkl".length());
    }

    private static void checkByteOrder(String where, ZipDirectory zip, String top) {
        ZipDirectory.Entry e = zip.entries().get(top + "byteorder");
        if (e != null) {
            String order = new String(zip.data(e).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.US_ASCII).trim();
            if (!order.equals("little")) {
                throw new WeightsException(where + ": storages are saved in '" + order + "' byte order; only little-endian is supported");
            }
        }
    }

    private static Map<String, Tensor> toTensors(String where, StateDictUnpickler.StateDict dict) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<Object, Object> e : dict.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (!(e.getValue() instanceof StateDictUnpickler.Pickled p)) {
                throw new WeightsException(where + ": entry '" + key + "' is not a tensor (found "
                        + (e.getValue() == null ? "None" : e.getValue().getClass().getSimpleName()) + ")");
            }
            out.put(key, view(where, key, p));
        }
        return Collections.unmodifiableMap(out);
    }

    /** The tensor as a row-major view: a slice of its storage when contiguous, else a gathered copy. */
    static Tensor view(String where, String key, StateDictUnpickler.Pickled p) {
        long[] size = p.size();
        long[] stride = p.stride();
        if (size.length != stride.length) {
            throw new WeightsException(where + ": tensor '" + key + "' has size " + Arrays.toString(size)
                    + " but stride " + Arrays.toString(stride));
        }
        DType dtype = p.storage().dtype();
        long numel = 1;
        long last = p.offset();
        for (int i = 0; i < size.length; i++) {
            if (size[i] < 0 || stride[i] < 0) {
                throw new WeightsException(where + ": tensor '" + key + "' has a negative size or stride");
            }
            numel *= size[i];
            last += (size[i] - 1) * stride[i];
        }
        if (numel > 0 && (p.offset() < 0 || last >= p.storage().numel())) {
            throw new WeightsException(where + ": tensor '" + key + "' (offset " + p.offset() + ", size " + Arrays.toString(size)
                    + ", stride " + Arrays.toString(stride) + ") reaches beyond its storage of " + p.storage().numel() + " elements");
        }
        int bytes = dtype.bytes();
        if (isContiguous(size, stride)) {
            return new Tensor(key, dtype, size, p.storage().bytes().asSlice(p.offset() * bytes, numel * bytes), where);
        }
        return new Tensor(key, dtype, size, gather(p, numel, bytes), where);
    }

    private static boolean isContiguous(long[] size, long[] stride) {
        long expected = 1;
        for (int i = size.length - 1; i >= 0; i--) {
            if (size[i] != 1 && stride[i] != expected) {
                return false;
            }
            expected *= size[i];
        }
        return true;
    }

    private static MemorySegment gather(StateDictUnpickler.Pickled p, long numel, int bytes) {
        long[] size = p.size();
        long[] stride = p.stride();
        MemorySegment src = p.storage().bytes();
        MemorySegment dst = Arena.ofAuto().allocate(numel * bytes, 8);
        long[] idx = new long[size.length];
        for (long i = 0; i < numel; i++) {
            long at = p.offset();
            for (int d = 0; d < size.length; d++) {
                at += idx[d] * stride[d];
            }
            MemorySegment.copy(src, at * bytes, dst, i * bytes, bytes);
            for (int d = size.length - 1; d >= 0; d--) {
                if (++idx[d] < size[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return dst;
    }

    @Override
    public Path file() {
        return file;
    }

    /** All tensors by key, in the order the state dict lists them. */
    @Override
    public Map<String, Tensor> tensors() {
        return tensors;
    }

    /** The raw {@code data.pkl} record (keys, dtypes, shapes and storage layout, but no tensor values). */
    public byte[] pickleRecord() {
        return pickle.clone();
    }

    @Override
    public String toString() {
        return "TorchCheckpoint[" + file + ", " + tensors.size() + " tensors]";
    }
}
