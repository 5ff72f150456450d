package dev.zonos4j.weights;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zonos4j.util.Json;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A memory-mapped safetensors file: an 8-byte little-endian header length, a JSON header, then raw data.
 * Tensors are views into the mapping (no copy), so files larger than 2 GiB work and load instantly.
 */
public final class SafeTensors implements TensorFile {
    private static final long MAX_HEADER = 100L << 20;

    private final Path file;
    private final Map<String, Tensor> tensors;
    private final Map<String, String> metadata;

    private SafeTensors(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) {
        this.file = file;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    /** Maps the file read-only; the mapping is released once no tensor view of it is reachable. */
    public static SafeTensors open(Path file) {
        Arena arena = Arena.ofAuto();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new WeightsException(file + ": not a safetensors file (only " + size + " bytes, need at least 8)");
            }
            MemorySegment all = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            long headerLen = all.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0);
            if (headerLen <= 0 || headerLen > MAX_HEADER || 8 + headerLen > size) {
                throw new WeightsException(file + ": bad safetensors header length " + headerLen
                        + " (file has " + size + " bytes); the file is truncated or not safetensors");
            }
            byte[] headerBytes = all.asSlice(8, headerLen).toArray(ValueLayout.JAVA_BYTE);
            JsonNode header;
            try {
                header = Json.MAPPER.readTree(new String(headerBytes, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new WeightsException(file + ": safetensors header is not valid JSON: " + e.getMessage(), e);
            }
            if (header == null || !header.isObject()) {
                throw new WeightsException(file + ": safetensors header is not a JSON object");
            }
            MemorySegment body = all.asSlice(8 + headerLen);
            return new SafeTensors(file, parseTensors(file, header, body), parseMetadata(header));
        } catch (NoSuchFileException e) {
            throw new WeightsException(file + ": file not found");
        } catch (IOException e) {
            throw new WeightsException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static Map<String, Tensor> parseTensors(Path file, JsonNode header, MemorySegment body) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            if (name.equals("__metadata__")) {
                continue;
            }
            JsonNode info = e.getValue();
            String where = file + ": tensor '" + name + "'";
            DType dtype = DType.parse(info.path("dtype").asText(""));
            if (dtype == null) {
                throw new WeightsException(where + " has unsupported dtype '" + info.path("dtype").asText("") + "'");
            }
            JsonNode shapeNode = info.path("shape");
            JsonNode offsets = info.path("data_offsets");
            if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
                throw new WeightsException(where + " lacks a shape or data_offsets [begin, end] in the header");
            }
            long[] shape = new long[shapeNode.size()];
            long numel = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shapeNode.get(i).asLong(-1);
                if (shape[i] < 0) {
                    throw new WeightsException(where + " has a negative dimension in shape " + shapeNode);
                }
                numel *= shape[i];
            }
            long begin = offsets.get(0).asLong(-1);
            long end = offsets.get(1).asLong(-1);
            if (begin < 0 || end < begin || end - begin != numel * dtype.bytes()) {
                throw new WeightsException(where + ": data_offsets " + offsets + " do not hold " + numel + " x "
                        + dtype + " = " + numel * dtype.bytes() + " bytes");
            }
            if (end > body.byteSize()) {
                throw new WeightsException(where + " ends at byte " + end + " of the data section, but the file holds only "
                        + body.byteSize() + " bytes of data: the file is truncated");
            }
            out.put(name, new Tensor(name, dtype, shape, body.asSlice(begin, end - begin), file.toString()));
        }
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, String> parseMetadata(JsonNode header) {
        Map<String, String> meta = new LinkedHashMap<>();
        JsonNode m = header.get("__metadata__");
        if (m != null && m.isObject()) {
            m.fields().forEachRemaining(e -> meta.put(e.getKey(), e.getValue().asText()));
        }
        return Collections.unmodifiableMap(meta);
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public Map<String, Tensor> tensors() {
        return tensors;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public String toString() {
        return "SafeTensors[" + file + ", " + tensors.size() + " tensors]";
    }
}
