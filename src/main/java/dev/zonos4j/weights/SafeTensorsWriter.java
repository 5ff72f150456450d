package dev.zonos4j.weights;

import dev.zonos4j.util.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes safetensors files. Tensor data is produced lazily by a {@link Source}, so multi-GiB checkpoints
 * stream to disk without being held in memory. The file appears under its final name only when complete.
 */
public final class SafeTensorsWriter {

    /** Writes a tensor's little-endian bytes, in order. */
    @FunctionalInterface
    public interface Source {
        void write(OutputStream out) throws IOException;
    }

    private record Entry(String name, DType dtype, long[] shape, Source source) {
        long bytes() {
            long n = dtype.bytes();
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    public SafeTensorsWriter metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    public SafeTensorsWriter add(String name, DType dtype, long[] shape, Source source) {
        entries.add(new Entry(name, dtype, shape.clone(), source));
        return this;
    }

    public SafeTensorsWriter addF32(String name, long[] shape, float[] values) {
        checkCount(name, shape, values.length);
        return add(name, DType.F32, shape, out -> {
            ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(values);
            out.write(b.array());
        });
    }

    public SafeTensorsWriter addI64(String name, long[] shape, long[] values) {
        checkCount(name, shape, values.length);
        return add(name, DType.I64, shape, out -> {
            ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            b.asLongBuffer().put(values);
            out.write(b.array());
        });
    }

    private static void checkCount(String name, long[] shape, int count) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n != count) {
            throw new IllegalArgumentException("tensor '" + name + "': shape holds " + n + " values, got " + count);
        }
    }

    /** Writes to a temporary file beside {@code file}, then renames it into place. */
    public void write(Path file) {
        Path tmp = file.resolveSibling(file.getFileName() + ".partial");
        try {
            byte[] header = header();
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
                out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
                out.write(header);
                for (Entry e : entries) {
                    CountingStream counted = new CountingStream(out);
                    e.source.write(counted);
                    if (counted.count != e.bytes()) {
                        throw new IllegalStateException("tensor '" + e.name + "' wrote " + counted.count
                                + " bytes, its shape needs " + e.bytes());
                    }
                }
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

    private byte[] header() {
        ObjectMapper json = Json.MAPPER;
        ObjectNode root = json.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode m = root.putObject("__metadata__");
            metadata.forEach(m::put);
        }
        long offset = 0;
        for (Entry e : entries) {
            ObjectNode t = root.putObject(e.name);
            t.put("dtype", e.dtype.name());
            ArrayNode shape = t.putArray("shape");
            for (long d : e.shape) {
                shape.add(d);
            }
            ArrayNode offs = t.putArray("data_offsets");
            offs.add(offset);
            offset += e.bytes();
            offs.add(offset);
        }
        StringBuilder text = new StringBuilder(root.toString());
        while ((text.toString().getBytes(StandardCharsets.UTF_8).length + 8) % 8 != 0) {
            text.append(' ');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        long count;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
