package dev.zonos4j.weights;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a state dict of contiguous tensors in the layout {@code torch.save} produces: a zip of stored
 * entries {@code <name>/data.pkl} (pickle protocol 2: an OrderedDict of {@code _rebuild_tensor_v2} records
 * over persistent-id storages), {@code <name>/data/<i>} (one little-endian storage per tensor, 64-byte
 * aligned) and {@code <name>/version}. Used for random real-size checkpoints; {@code torch.load} reads them.
 */
public final class TorchCheckpointWriter {
    private static final int ALIGN = 64;
    private static final int PAD_FIELD = 0x4246;

    private TorchCheckpointWriter() {
    }

    /** Writes {@code tensors} to {@code file} (top folder = the file's base name), atomically. */
    public static void write(Path file, Map<String, Tensor> tensors) {
        String name = file.getFileName().toString();
        String top = name.endsWith(".pt") ? name.substring(0, name.length() - 3) : name;
        Path tmp = file.resolveSibling(name + ".partial");
        try {
            try (Counting count = new Counting(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20));
                 ZipOutputStream zip = new ZipOutputStream(count)) {
                stored(zip, count, top + "/data.pkl", pickle(tensors));
                int i = 0;
                for (Tensor t : tensors.values()) {
                    stored(zip, count, top + "/data/" + i++, t.data().toArray(ValueLayout.JAVA_BYTE));
                }
                stored(zip, count, top + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the original failure is the one worth reporting
            }
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** A stored entry whose data starts on a 64-byte boundary, padded through the local extra field as torch does. */
    private static void stored(ZipOutputStream zip, Counting count, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        int nameLen = name.getBytes(StandardCharsets.UTF_8).length;
        long dataAt = count.written + 30 + nameLen + 4;
        int pad = (int) ((ALIGN - dataAt % ALIGN) % ALIGN);
        e.setExtra(ByteBuffer.allocate(4 + pad).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) PAD_FIELD).putShort((short) pad).array());
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    private static byte[] pickle(Map<String, Tensor> tensors) {
        Pickler p = new Pickler();
        p.proto().global("collections", "OrderedDict").op(')').op('R').op('(');
        int i = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            p.unicode(e.getKey()).global("torch._utils", "_rebuild_tensor_v2").op('(');
            p.op('(').unicode("storage").global("torch", storageType(t.dtype())).unicode(Integer.toString(i++))
                    .unicode("cpu").integer(t.numel()).op('t').op('Q');
            p.integer(0).longs(t.shape()).longs(contiguousStrides(t.shape())).op(0x89);
            p.global("collections", "OrderedDict").op(')').op('R').op('t').op('R');
        }
        return p.op('u').op('.').bytes();
    }

    private static String storageType(DType d) {
        return switch (d) {
            case F32 -> "FloatStorage";
            case F64 -> "DoubleStorage";
            case F16 -> "HalfStorage";
            case BF16 -> "BFloat16Storage";
            case I64 -> "LongStorage";
            case I32 -> "IntStorage";
            case I16 -> "ShortStorage";
            case I8 -> "CharStorage";
            case U8 -> "ByteStorage";
            case BOOL -> "BoolStorage";
        };
    }

    private static long[] contiguousStrides(long[] shape) {
        long[] s = new long[shape.length];
        long step = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = step;
            step *= shape[i];
        }
        return s;
    }

    /** The few pickle opcodes a state dict needs. */
    private static final class Pickler {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pickler proto() {
            return op(0x80).op(2);
        }

        Pickler op(int code) {
            out.write(code);
            return this;
        }

        Pickler global(String module, String name) {
            op('c');
            out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        Pickler unicode(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            op('X');
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
            out.writeBytes(b);
            return this;
        }

        /** BININT for 32-bit values, LONG1 beyond. */
        Pickler integer(long v) {
            if (v == (int) v) {
                op('J');
                out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array());
            } else {
                op(0x8a).op(8);
                out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
            }
            return this;
        }

        Pickler longs(long[] v) {
            if (v.length == 0) {
                return op(')');
            }
            op('(');
            for (long x : v) {
                integer(x);
            }
            return op('t');
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** Counts bytes written, to place each entry's data on the alignment boundary. */
    private static final class Counting extends FilterOutputStream {
        long written;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            written++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            written += len;
        }
    }
}
