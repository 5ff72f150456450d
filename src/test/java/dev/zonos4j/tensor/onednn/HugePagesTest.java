package dev.zonos4j.tensor.onednn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.util.InvalidInputException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class HugePagesTest {
    private static final Path THP = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

    @Test
    void largeBuffersAreZeroedWritableAlignedAndAdvisedForHugePages() throws IOException {
        long bytes = 3 * HugePages.HUGE_PAGE + 100;
        MemorySegment m = HugePages.allocate(bytes);
        assertTrue(m.byteSize() >= bytes, "size " + m.byteSize() + " for " + bytes + " bytes asked");
        assertZeroThenWritable(m);
        if (!linux()) {
            return;
        }
        assertEquals(0, m.address() % HugePages.HUGE_PAGE, "a huge-page buffer starts on a 2 MiB boundary");
        if (Files.exists(THP) && !Files.readString(THP).contains("[never]")) {
            String flags = vmFlags(m.address());
            assertTrue(List.of(flags.split(" ")).contains("hg"),
                    "the mapping at " + Long.toHexString(m.address()) + " is not advised MADV_HUGEPAGE: VmFlags " + flags);
        }
    }

    @Test
    void packedMatMulWeightsLiveInHugePages() throws IOException {
        int n = 2048;
        int k = 1024;
        MemorySegment weights = java.lang.foreign.Arena.ofAuto().allocate((long) n * k * 2, 64);
        OneDnnMatMul mm = OneDnnMatMul.pack(OneDnn.get(), weights, n, k, OneDnn.BF16, 1);
        MemorySegment packed = mm.packedMemory();
        assertTrue(packed.byteSize() >= (long) n * k * 2);
        if (linux() && Files.exists(THP) && !Files.readString(THP).contains("[never]")) {
            String flags = vmFlags(packed.address());
            assertTrue(List.of(flags.split(" ")).contains("hg"), "packed weights not in huge-page memory: VmFlags " + flags);
        }
    }

    @Test
    void thePropertyAsksForOrdinaryPages() throws IOException {
        System.setProperty(HugePages.PROPERTY, "false");
        MemorySegment m;
        try {
            m = HugePages.allocate(3 * HugePages.HUGE_PAGE);
        } finally {
            System.clearProperty(HugePages.PROPERTY);
        }
        assertZeroThenWritable(m);
        if (linux()) {
            String flags = vmFlags(m.address());
            assertFalse(List.of(flags.split(" ")).contains("hg"), "advised MADV_HUGEPAGE although " + HugePages.PROPERTY
                    + "=false: VmFlags " + flags);
        }
    }

    @Test
    void aMisspeltPropertyIsRefusedNotTakenAsFalse() {
        System.setProperty(HugePages.PROPERTY, "ture");
        try {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> HugePages.allocate(1000));
            assertEquals("-Dzonos.hugePages must be true or false, got 'ture'", e.getMessage());
        } finally {
            System.clearProperty(HugePages.PROPERTY);
        }
    }

    @Test
    void smallBuffersAreOrdinaryZeroedMemory() {
        MemorySegment m = HugePages.allocate(1000);
        assertTrue(m.byteSize() >= 1000);
        assertEquals(0, m.address() % 4096, "page-aligned");
        assertZeroThenWritable(m);
    }

    private static void assertZeroThenWritable(MemorySegment m) {
        long last = m.byteSize() - 8;
        for (long off = 0; off <= last; off += 4096) {
            assertEquals(0L, m.get(ValueLayout.JAVA_LONG_UNALIGNED, off), "fresh memory at byte " + off);
        }
        m.set(ValueLayout.JAVA_LONG_UNALIGNED, last, 0x1234_5678_9abcL);
        m.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, -1L);
        assertEquals(0x1234_5678_9abcL, m.get(ValueLayout.JAVA_LONG_UNALIGNED, last));
        assertEquals(-1L, m.get(ValueLayout.JAVA_LONG_UNALIGNED, 0));
    }

    private static boolean linux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
    }

    /** The VmFlags of the /proc/self/smaps mapping that holds {@code address}. */
    private static String vmFlags(long address) throws IOException {
        boolean inMapping = false;
        for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                String[] range = line.substring(0, line.indexOf(' ')).split("-");
                inMapping = Long.compareUnsigned(HexFormat.fromHexDigitsToLong(range[0]), address) <= 0
                        && Long.compareUnsigned(address, HexFormat.fromHexDigitsToLong(range[1])) < 0;
            } else if (inMapping && line.startsWith("VmFlags:")) {
                return line.substring("VmFlags:".length()).trim();
            }
        }
        throw new AssertionError("no mapping holds " + Long.toHexString(address) + " in /proc/self/smaps");
    }
}
