package dev.zonos4j.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchCheckpointWriterTest {

    @Test
    void roundTripsThroughTheReaderWithAlignedStorages(@TempDir Path dir) throws IOException {
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("a.weight", new Tensor("a.weight", DType.F32, new long[] {2, 3}, MemorySegment.ofArray(new float[] {1, 2, 3, 4, 5, 6}), "t"));
        in.put("lda", new Tensor("lda", DType.F64, new long[] {3}, MemorySegment.ofArray(new double[] {0.1, -2e300, 7}), "t"));
        in.put("n", new Tensor("n", DType.I64, new long[0], MemorySegment.ofArray(new long[] {5_000_000_000L}), "t"));
        Path file = dir.resolve("model.pt");
        TorchCheckpointWriter.write(file, in);

        TorchCheckpoint back = TorchCheckpoint.open(file);
        assertEquals(in.keySet(), back.keys());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, back.get("a.weight", 2, 3).toFloatArray());
        assertArrayEquals(new double[] {0.1, -2e300, 7}, back.get("lda", 3).toDoubleArray());
        assertEquals(DType.I64, back.get("n").dtype());
        assertEquals(5_000_000_000L, back.get("n").getLong(0));

        try (Arena arena = Arena.ofConfined(); FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ZipDirectory zip = ZipDirectory.read(file.toString(), ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena));
            assertEquals(5, zip.entries().size());
            for (ZipDirectory.Entry e : zip.entries().values()) {
                assertEquals(0, e.dataOffset() % 64, e.name() + " data starts on a 64-byte boundary");
                assertTrue(e.name().startsWith("model/"), e.name());
            }
        }
    }
}
