package dev.zonos4j.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.TestKits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
    @TempDir
    Path tmp;

    @Test
    void readsBf16WeightsOfTheTinyKitModel() {
        SafeTensors st = SafeTensors.open(TestKits.zonos().resolve("tiny/model.safetensors"));
        Tensor emb = st.get("prefix_conditioner.conditioners.0.phoneme_embedder.weight");
        assertEquals(DType.BF16, emb.dtype());
        assertEquals(128, emb.dim(1));
        float v = emb.getFloat(5);
        assertEquals(v, emb.toFloatArray()[5]);
        assertTrue(Float.isFinite(v));
    }

    @Test
    void roundTripsWhatTheWriterWrites() {
        Path f = tmp.resolve("t.safetensors");
        new SafeTensorsWriter().metadata("k", "v")
                .addF32("a", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, -6.5f})
                .addI64("b", new long[] {3}, new long[] {7, -8, 9})
                .write(f);
        SafeTensors st = SafeTensors.open(f);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, -6.5f}, st.get("a", 2, 3).toFloatArray());
        assertArrayEquals(new long[] {7, -8, 9}, st.get("b").toLongArray());
        assertEquals("v", st.metadata().get("k"));
        assertTrue(Files.notExists(tmp.resolve("t.safetensors.partial")));
    }

    @Test
    void missingKeyNamesFileAndKey() {
        Path f = tmp.resolve("t.safetensors");
        new SafeTensorsWriter().addF32("layer.weight", new long[] {1}, new float[] {1}).write(f);
        WeightsException e = assertThrows(WeightsException.class, () -> SafeTensors.open(f).get("layer.bias"));
        assertTrue(e.getMessage().contains("layer.bias") && e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void wrongShapeSaysWhatWasExpected() {
        Path f = tmp.resolve("t.safetensors");
        new SafeTensorsWriter().addF32("w", new long[] {2, 2}, new float[4]).write(f);
        WeightsException e = assertThrows(WeightsException.class, () -> SafeTensors.open(f).get("w", 4, 1));
        assertTrue(e.getMessage().contains("[2, 2]") && e.getMessage().contains("[4, 1]"), e.getMessage());
    }

    @Test
    void truncatedFileIsReported() throws IOException {
        Path f = tmp.resolve("t.safetensors");
        new SafeTensorsWriter().addF32("w", new long[] {64}, new float[64]).write(f);
        byte[] all = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(all, all.length - 10));
        WeightsException e = assertThrows(WeightsException.class, () -> SafeTensors.open(f));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void badHeaderIsReported() throws IOException {
        Path f = tmp.resolve("t.safetensors");
        byte[] json = "{not json".getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json);
        Files.write(f, b.array());
        WeightsException e = assertThrows(WeightsException.class, () -> SafeTensors.open(f));
        assertTrue(e.getMessage().contains("JSON"), e.getMessage());
        Files.write(f, new byte[] {1, 2, 3});
        assertThrows(WeightsException.class, () -> SafeTensors.open(f));
        assertThrows(WeightsException.class, () -> SafeTensors.open(tmp.resolve("absent.safetensors")));
    }
}
