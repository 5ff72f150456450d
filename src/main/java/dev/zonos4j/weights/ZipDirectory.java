package dev.zonos4j.weights;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The entries of a zip archive held in a memory-mapped file, located through the central directory
 * (classic or ZIP64) so that stored entries can be viewed in place without copying.
 * Data offsets come from each entry's local header, whose extra field may differ from the central one
 * (torch.save pads the local extra field so data starts on a 64-byte boundary).
 */
final class ZipDirectory {
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private static final int EOCD_SIG = 0x06054b50;
    private static final int ZIP64_LOCATOR_SIG = 0x07064b50;
    private static final int ZIP64_EOCD_SIG = 0x06064b50;
    private static final int CENTRAL_SIG = 0x02014b50;
    private static final int LOCAL_SIG = 0x04034b50;
    private static final int METHOD_STORED = 0;
    private static final int METHOD_DEFLATED = 8;

    /** One archive member: where its (possibly compressed) bytes lie in the file. */
    record Entry(String name, int method, long compressedSize, long size, long dataOffset) {
    }

    private final String file;
    private final MemorySegment all;
    private final Map<String, Entry> entries;

    private ZipDirectory(String file, MemorySegment all, Map<String, Entry> entries) {
        this.file = file;
        this.all = all;
        this.entries = entries;
    }

    static ZipDirectory read(String file, MemorySegment all) {
        long size = all.byteSize();
        long eocd = findEndOfCentralDirectory(file, all);
        long count = u16(all, eocd + 10);
        long cdSize = u32(all, eocd + 12);
        long cdOffset = u32(all, eocd + 16);
        long locator = eocd - 20;
        if (locator >= 0 && all.get(U32, locator) == ZIP64_LOCATOR_SIG) {
            long z64 = all.get(U64, locator + 8);
            if (z64 < 0 || z64 + 56 > size || all.get(U32, z64) != ZIP64_EOCD_SIG) {
                throw new WeightsException(file + ": corrupt zip (ZIP64 end-of-directory record not found at " + z64 + ")");
            }
            count = all.get(U64, z64 + 32);
            cdSize = all.get(U64, z64 + 40);
            cdOffset = all.get(U64, z64 + 48);
        }
        if (cdOffset < 0 || cdSize < 0 || cdOffset + cdSize > size) {
            throw new WeightsException(file + ": corrupt zip (central directory at " + cdOffset + ", " + cdSize
                    + " bytes, beyond the file's " + size + " bytes); the file is truncated or damaged");
        }
        Map<String, Entry> out = new LinkedHashMap<>();
        long p = cdOffset;
        for (long i = 0; i < count; i++) {
            if (p + 46 > size || all.get(U32, p) != CENTRAL_SIG) {
                throw new WeightsException(file + ": corrupt zip (central directory entry " + i + " of " + count + " is damaged)");
            }
            int method = u16(all, p + 10);
            long compressed = u32(all, p + 20);
            long uncompressed = u32(all, p + 24);
            int nameLen = u16(all, p + 28);
            int extraLen = u16(all, p + 30);
            int commentLen = u16(all, p + 32);
            long localOffset = u32(all, p + 42);
            String name = new String(all.asSlice(p + 46, nameLen).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
            long[] z64 = zip64Fields(all, p + 46 + nameLen, extraLen, uncompressed, compressed, localOffset);
            Entry e = new Entry(name, method, z64[1], z64[0], dataOffset(file, all, name, z64[2]));
            if (e.dataOffset + e.compressedSize > size) {
                throw new WeightsException(file + ": zip entry '" + name + "' ends at byte " + (e.dataOffset + e.compressedSize)
                        + ", beyond the file's " + size + " bytes; the file is truncated");
            }
            out.put(name, e);
            p += 46L + nameLen + extraLen + commentLen;
        }
        return new ZipDirectory(file, all, Collections.unmodifiableMap(out));
    }

    private static long findEndOfCentralDirectory(String file, MemorySegment all) {
        long size = all.byteSize();
        long stop = Math.max(0, size - 22 - 0xFFFF);
        for (long p = size - 22; p >= stop; p--) {
            if (all.get(U32, p) == EOCD_SIG && p + 22 + u16(all, p + 20) == size) {
                return p;
            }
        }
        throw new WeightsException(file + ": not a zip archive (no end-of-central-directory record); a PyTorch .pt file"
                + " written by torch.save since 1.6 is a zip archive");
    }

    /** Replaces 0xFFFFFFFF central fields with their ZIP64 extra-field values: {size, compressed, localOffset}. */
    private static long[] zip64Fields(MemorySegment all, long extra, int extraLen, long size, long compressed, long local) {
        long[] v = {size, compressed, local};
        long end = extra + extraLen;
        for (long q = extra; q + 4 <= end; ) {
            int id = u16(all, q);
            int len = u16(all, q + 2);
            if (id == 0x0001) {
                long r = q + 4;
                for (int k = 0; k < 3; k++) {
                    if (v[k] == 0xFFFFFFFFL && r + 8 <= q + 4 + len) {
                        v[k] = all.get(U64, r);
                        r += 8;
                    }
                }
            }
            q += 4L + len;
        }
        return v;
    }

    private static long dataOffset(String file, MemorySegment all, String name, long local) {
        if (local < 0 || local + 30 > all.byteSize() || all.get(U32, local) != LOCAL_SIG) {
            throw new WeightsException(file + ": corrupt zip (local header of entry '" + name + "' not found at " + local + ")");
        }
        return local + 30 + u16(all, local + 26) + u16(all, local + 28);
    }

    private static int u16(MemorySegment s, long at) {
        return s.get(U16, at) & 0xFFFF;
    }

    private static long u32(MemorySegment s, long at) {
        return s.get(U32, at) & 0xFFFFFFFFL;
    }

    Map<String, Entry> entries() {
        return entries;
    }

    /** The entry's bytes: a view into the mapping when stored, an inflated heap copy when deflated. */
    MemorySegment data(Entry e) {
        MemorySegment raw = all.asSlice(e.dataOffset, e.compressedSize);
        return switch (e.method) {
            case METHOD_STORED -> raw;
            case METHOD_DEFLATED -> inflate(e, raw);
            default -> throw new WeightsException(file + ": zip entry '" + e.name + "' uses compression method " + e.method
                    + "; only stored (0) and deflated (8) entries are supported");
        };
    }

    private MemorySegment inflate(Entry e, MemorySegment raw) {
        if (e.size > Integer.MAX_VALUE - 8) {
            throw new WeightsException(file + ": zip entry '" + e.name + "' is compressed and larger than 2 GiB;"
                    + " save the checkpoint uncompressed (torch.save does so by default)");
        }
        byte[] out = new byte[(int) e.size];
        Inflater inf = new Inflater(true);
        try {
            inf.setInput(raw.asByteBuffer());
            int n = 0;
            while (n < out.length && !inf.finished()) {
                int got = inf.inflate(out, n, out.length - n);
                if (got == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    break;
                }
                n += got;
            }
            if (n != out.length) {
                throw new WeightsException(file + ": zip entry '" + e.name + "' inflates to " + n + " bytes, expected " + e.size);
            }
        } catch (DataFormatException ex) {
            throw new WeightsException(file + ": zip entry '" + e.name + "' is corrupt: " + ex.getMessage(), ex);
        } finally {
            inf.end();
        }
        return MemorySegment.ofArray(out);
    }
}
