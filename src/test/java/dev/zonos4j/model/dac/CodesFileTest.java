package dev.zonos4j.model.dac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.util.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodesFileTest {
    private static final int[][] CODES = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {10, 11, 12}, {0, 0, 0}, {1023, 1, 2},
        {5, 5, 5}, {6, 6, 6}, {7, 7, 7}};

    /** A .npy file as numpy writes it (version 1.0, 64-byte aligned header). */
    static byte[] npy(String descr, boolean fortran, String shape, long[] values, int width) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape + ", }";
        StringBuilder h = new StringBuilder(dict);
        while ((10 + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        ByteBuffer b = ByteBuffer.allocate(10 + h.length() + values.length * width).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) h.length()).put(h.toString().getBytes(StandardCharsets.US_ASCII));
        for (long v : values) {
            if (width == 8) {
                b.putLong(v);
            } else {
                b.putInt((int) v);
            }
        }
        return b.array();
    }

    private static long[] flat(boolean fortran) {
        long[] out = new long[27];
        for (int i = 0; i < 9; i++) {
            for (int t = 0; t < 3; t++) {
                out[fortran ? t * 9 + i : i * 3 + t] = CODES[i][t];
            }
        }
        return out;
    }

    @Test
    void readsNumpyLayouts(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.npy");
        Files.write(a, npy("<i8", false, "(9, 3)", flat(false), 8));
        assertArrayEquals(CODES, CodesFile.read(a, 9));
        Path b = dir.resolve("b.npy");
        Files.write(b, npy("<i4", false, "(1, 9, 3)", flat(false), 4));
        assertArrayEquals(CODES, CodesFile.read(b, 9));
        Path c = dir.resolve("c.npy");
        Files.write(c, npy("<i8", true, "(9, 3)", flat(true), 8));
        assertArrayEquals(CODES, CodesFile.read(c, 9));
    }

    @Test
    void writesAndReadsBothFormats(@TempDir Path dir) {
        for (String name : new String[] {"x.safetensors", "x.npy"}) {
            Path f = dir.resolve(name);
            CodesFile.write(f, CODES, 44100, 512);
            assertArrayEquals(CODES, CodesFile.read(f, 9), name);
        }
    }

    @Test
    void rejectsWrongShapesAndTypes(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.npy");
        Files.write(a, npy("<i8", false, "(8, 3)", new long[24], 8));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CodesFile.read(a, 9));
        assertTrue(e.getMessage().contains("[8, 3]"), e.getMessage());
        Path f = dir.resolve("f.npy");
        Files.write(f, npy("<f4", false, "(9, 3)", new long[27], 4));
        e = assertThrows(InvalidInputException.class, () -> CodesFile.read(f, 9));
        assertTrue(e.getMessage().contains("<f4"), e.getMessage());
    }
}
