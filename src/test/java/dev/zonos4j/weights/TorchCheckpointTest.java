package dev.zonos4j.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.TestKits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchCheckpointTest {

    private static Path tiny(String file) {
        return TestKits.speaker().resolve("tiny").resolve(file);
    }

    @Test
    void readsEveryKeyShapeAndDtypeOfTheTinyCheckpoints() throws IOException {
        Map<String, TorchCheckpoint> files = Map.of(
                "ResNet293_SimAM_ASP_base.pt", TorchCheckpoint.open(tiny("ResNet293_SimAM_ASP_base.pt")),
                "ResNet293_SimAM_ASP_base_LDA-128.pt", TorchCheckpoint.open(tiny("ResNet293_SimAM_ASP_base_LDA-128.pt")));
        List<String> lines = Files.readAllLines(tiny("checkpoint_keys.txt")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String line : lines) {
            String[] f = line.split("\t");
            Tensor t = files.get(f[0]).get(f[1]);
            assertEquals(f[2].replace(" ", ""), Arrays.toString(t.shape()).replace(" ", ""), f[1]);
            assertEquals(switch (f[3]) {
                case "float32" -> DType.F32;
                case "float64" -> DType.F64;
                case "int64" -> DType.I64;
                default -> throw new AssertionError(f[3]);
            }, t.dtype(), f[1]);
            counts.merge(f[0], 1, Integer::sum);
        }
        counts.forEach((file, n) -> assertEquals(n, files.get(file).keys().size(), file));
        assertEquals(1199, files.get("ResNet293_SimAM_ASP_base.pt").keys().size());
    }

    @Test
    void valuesAreReadInPlaceAndDecodeSensibly() {
        TorchCheckpoint net = TorchCheckpoint.open(tiny("ResNet293_SimAM_ASP_base.pt"));
        Tensor var = net.get("front.bn1.running_var", 4);
        for (float v : var.toFloatArray()) {
            assertTrue(v > 0 && v < 100, "running variance " + v);
        }
        Tensor tracked = net.get("front.bn1.num_batches_tracked");
        assertEquals(0, tracked.rank());
        assertTrue(tracked.getLong(0) >= 0);
        TorchCheckpoint lda = TorchCheckpoint.open(tiny("ResNet293_SimAM_ASP_base_LDA-128.pt"));
        assertEquals(DType.F64, lda.get("weight").dtype());
        double[] w = lda.get("weight", 128, 256).toDoubleArray();
        assertTrue(Arrays.stream(w).allMatch(Double::isFinite) && Arrays.stream(w).anyMatch(x -> x != 0));
    }

    @Test
    void missingKeyNamesFileAndKey() {
        TorchCheckpoint lda = TorchCheckpoint.open(tiny("ResNet293_SimAM_ASP_base_LDA-128.pt"));
        WeightsException e = assertThrows(WeightsException.class, () -> lda.get("weights"));
        assertTrue(e.getMessage().contains("LDA-128.pt") && e.getMessage().contains("'weights'"), e.getMessage());
        WeightsException shape = assertThrows(WeightsException.class, () -> lda.get("bias", 256));
        assertTrue(shape.getMessage().contains("[128]"), shape.getMessage());
    }

    @Test
    void refusesForeignGlobalsWithoutRunningThem(@TempDir Path dir) throws IOException {
        Pickle p = new Pickle().global("os", "system").unicode("echo pwned").tuple1().reduce().stop();
        Path file = writePt(dir, "evil", p.bytes(), Map.of());
        WeightsException e = assertThrows(WeightsException.class, () -> TorchCheckpoint.open(file));
        assertTrue(e.getMessage().contains("unsupported pickle content os.system in " + file), e.getMessage());

        Pickle build = new Pickle().global("collections", "OrderedDict").emptyTuple().reduce()
                .global("builtins", "dict").emptyTuple().reduce().stop();
        Path other = writePt(dir, "builtins", build.bytes(), Map.of());
        WeightsException e2 = assertThrows(WeightsException.class, () -> TorchCheckpoint.open(other));
        assertTrue(e2.getMessage().contains("unsupported pickle content builtins.dict"), e2.getMessage());
    }

    @Test
    void readsAnyTopFolderAndGathersStridedViews(@TempDir Path dir) throws IOException {
        float[] storage = {0, 1, 2, 3, 4, 5};
        // 'w': the (2, 3) storage viewed transposed as (3, 2) with stride (1, 3); 'row': offset 3, size (3,)
        Pickle p = new Pickle().global("collections", "OrderedDict").emptyTuple().reduce().mark()
                .unicode("w").tensor("FloatStorage", "0", 6, 0, new int[] {3, 2}, new int[] {1, 3})
                .unicode("row").tensor("FloatStorage", "0", 6, 3, new int[] {3}, new int[] {1})
                .setItems().stop();
        Path file = writePt(dir, "archive", p.bytes(), Map.of("0", floats(storage)));
        TorchCheckpoint ck = TorchCheckpoint.open(file);
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, ck.get("w", 3, 2).toFloatArray());
        assertArrayEquals(new float[] {3, 4, 5}, ck.get("row", 3).toFloatArray());
    }

    @Test
    void reportsMissingStorageAndNonZipFiles(@TempDir Path dir) throws IOException {
        Pickle p = new Pickle().global("collections", "OrderedDict").emptyTuple().reduce().mark()
                .unicode("w").tensor("FloatStorage", "7", 2, 0, new int[] {2}, new int[] {1}).setItems().stop();
        Path file = writePt(dir, "partial", p.bytes(), Map.of());
        WeightsException e = assertThrows(WeightsException.class, () -> TorchCheckpoint.open(file));
        assertTrue(e.getMessage().contains("partial/data/7") && e.getMessage().contains(file.toString()), e.getMessage());

        Path junk = dir.resolve("junk.pt");
        Files.writeString(junk, "this is not a checkpoint at all, just some text that is long enough");
        WeightsException z = assertThrows(WeightsException.class, () -> TorchCheckpoint.open(junk));
        assertTrue(z.getMessage().contains("not a zip archive"), z.getMessage());
        assertThrows(WeightsException.class, () -> TorchCheckpoint.open(dir.resolve("absent.pt")));
    }

    private static byte[] floats(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    /** A torch.save-like archive: stored entries under one top folder. */
    private static Path writePt(Path dir, String top, byte[] pickle, Map<String, byte[]> storages) throws IOException {
        Path file = dir.resolve(top + ".pt");
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            stored(zip, top + "/data.pkl", pickle);
            for (Map.Entry<String, byte[]> e : storages.entrySet()) {
                stored(zip, top + "/data/" + e.getKey(), e.getValue());
            }
            stored(zip, top + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        }
        return file;
    }

    private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    /** Just enough of a protocol-2 pickle writer to build state dicts and hostile records. */
    private static final class Pickle {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pickle() {
            out.write(0x80);
            out.write(2);
        }

        Pickle global(String module, String name) {
            out.write('c');
            out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        Pickle unicode(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.write('X');
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
            out.writeBytes(b);
            return this;
        }

        Pickle integer(int v) {
            out.write('J');
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
            return this;
        }

        Pickle ints(int[] v) {
            mark();
            for (int x : v) {
                integer(x);
            }
            out.write('t');
            return this;
        }

        Pickle mark() {
            out.write('(');
            return this;
        }

        Pickle emptyTuple() {
            out.write(')');
            return this;
        }

        Pickle tuple1() {
            out.write(0x85);
            return this;
        }

        Pickle reduce() {
            out.write('R');
            return this;
        }

        Pickle setItems() {
            out.write('u');
            return this;
        }

        Pickle stop() {
            out.write('.');
            return this;
        }

        Pickle tensor(String storageType, String key, int numel, int offset, int[] size, int[] stride) {
            global("torch._utils", "_rebuild_tensor_v2").mark();
            mark().unicode("storage").global("torch", storageType).unicode(key).unicode("cpu").integer(numel);
            out.write('t');
            out.write('Q');
            integer(offset).ints(size).ints(stride);
            out.write(0x89);
            global("collections", "OrderedDict").emptyTuple().reduce();
            out.write('t');
            return reduce();
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
