package dev.zonos4j.audio.encode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Packets into Ogg pages (RFC 3533) for one logical stream. Packets are collected until {@link #flush} or
 * until a page is full; every page carries the granule position of the last packet that ends on it.
 */
final class OggPageWriter {
    private static final int MAX_SEGMENTS = 255;
    private static final int[] CRC = crcTable();

    private final OutputStream out;
    private final int serial;
    private final List<byte[]> packets = new ArrayList<>();
    private int segments;
    private long granule;
    private int sequence;
    private boolean first = true;

    OggPageWriter(OutputStream out, int serial) {
        this.out = out;
        this.serial = serial;
    }

    /** Queues a packet; {@code granuleAfter} is the stream position once it is decoded. */
    void add(byte[] packet, long granuleAfter) throws IOException {
        int need = packet.length / 255 + 1;
        if (segments + need > MAX_SEGMENTS) {
            flush(false);
        }
        packets.add(packet);
        segments += need;
        granule = granuleAfter;
    }

    /** Writes the queued packets as one page ({@code last}: the end-of-stream page, even if empty). */
    void flush(boolean last) throws IOException {
        if (packets.isEmpty() && !last) {
            return;
        }
        ByteArrayOutputStream lacing = new ByteArrayOutputStream();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] p : packets) {
            for (int left = p.length; ; left -= 255) {
                lacing.write(Math.min(left, 255));
                if (left < 255) {
                    break;
                }
            }
            body.write(p);
        }
        byte[] lace = lacing.toByteArray();
        byte[] page = new byte[27 + lace.length + body.size()];
        page[0] = 'O';
        page[1] = 'g';
        page[2] = 'g';
        page[3] = 'S';
        page[5] = (byte) ((first ? 0x02 : 0) | (last ? 0x04 : 0));
        putLong(page, 6, granule);
        putInt(page, 14, serial);
        putInt(page, 18, sequence++);
        page[26] = (byte) lace.length;
        System.arraycopy(lace, 0, page, 27, lace.length);
        System.arraycopy(body.toByteArray(), 0, page, 27 + lace.length, body.size());
        putInt(page, 22, crc(page));
        out.write(page);
        packets.clear();
        segments = 0;
        first = false;
    }

    private static void putLong(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    private static void putInt(byte[] b, int at, int v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    /** Ogg's CRC-32: polynomial 0x04C11DB7, not reflected, initial value 0, computed with the CRC field zero. */
    static int crc(byte[] page) {
        int c = 0;
        for (byte b : page) {
            c = (c << 8) ^ CRC[((c >>> 24) ^ (b & 0xFF)) & 0xFF];
        }
        return c;
    }

    private static int[] crcTable() {
        int[] t = new int[256];
        for (int i = 0; i < 256; i++) {
            int r = i << 24;
            for (int k = 0; k < 8; k++) {
                r = (r & 0x80000000) != 0 ? (r << 1) ^ 0x04C11DB7 : r << 1;
            }
            t[i] = r;
        }
        return t;
    }
}
