package dev.zonos4j.audio.encode;

import io.github.jaredmdobson.concentus.OpusDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A test-side Ogg Opus reader, written from RFC 3533/7845 independently of the writer: checks each page's
 * capture pattern, flags, sequence and CRC, reassembles packets, decodes them with Concentus and applies the
 * pre-skip and the final granule position.
 */
public final class OggOpusReader {
    public record Decoded(float[] samples, int preSkip, int inputRate, int pages) {
    }

    public static Decoded read(byte[] data) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> packets = new ArrayList<>();
        ByteArrayOutputStream partial = new ByteArrayOutputStream();
        long lastGranule = -1;
        int pages = 0;
        boolean eos = false;
        while (b.hasRemaining()) {
            int start = b.position();
            if (data[start] != 'O' || data[start + 1] != 'g' || data[start + 2] != 'g' || data[start + 3] != 'S') {
                throw new AssertionError("no OggS capture pattern at byte " + start);
            }
            int flags = data[start + 5];
            if (pages == 0 && (flags & 2) == 0) {
                throw new AssertionError("first page lacks the beginning-of-stream flag");
            }
            if (eos) {
                throw new AssertionError("a page after the end-of-stream page");
            }
            eos = (flags & 4) != 0;
            long granule = b.getLong(start + 6);
            int sequence = b.getInt(start + 18);
            if (sequence != pages) {
                throw new AssertionError("page sequence " + sequence + ", expected " + pages);
            }
            int storedCrc = b.getInt(start + 22);
            int nSeg = data[start + 26] & 0xFF;
            int bodyLength = 0;
            for (int i = 0; i < nSeg; i++) {
                bodyLength += data[start + 27 + i] & 0xFF;
            }
            int end = start + 27 + nSeg + bodyLength;
            byte[] page = Arrays.copyOfRange(data, start, end);
            page[22] = page[23] = page[24] = page[25] = 0;
            if (crc(page) != storedCrc) {
                throw new AssertionError("bad CRC on page " + sequence);
            }
            int at = start + 27 + nSeg;
            for (int i = 0; i < nSeg; i++) {
                int len = data[start + 27 + i] & 0xFF;
                partial.write(data, at, len);
                at += len;
                if (len < 255) {
                    packets.add(partial.toByteArray());
                    partial.reset();
                }
            }
            lastGranule = granule;
            pages++;
            b.position(end);
        }
        if (!eos) {
            throw new AssertionError("stream has no end-of-stream page");
        }
        byte[] head = packets.get(0);
        if (!new String(head, 0, 8, StandardCharsets.US_ASCII).equals("OpusHead") || head[9] != 1) {
            throw new AssertionError("first packet is not a mono OpusHead");
        }
        int preSkip = (head[10] & 0xFF) | (head[11] & 0xFF) << 8;
        int inputRate = ByteBuffer.wrap(head, 12, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (!new String(packets.get(1), 0, 8, StandardCharsets.US_ASCII).equals("OpusTags")) {
            throw new AssertionError("second packet is not OpusTags");
        }
        OpusDecoder decoder = new OpusDecoder(48_000, 1);
        short[] pcm = new short[5760];
        float[] all = new float[0];
        int n = 0;
        for (byte[] p : packets.subList(2, packets.size())) {
            int got = decoder.decode(p, 0, p.length, pcm, 0, pcm.length, false);
            if (n + got > all.length) {
                all = Arrays.copyOf(all, Math.max(2 * all.length, n + got));
            }
            for (int i = 0; i < got; i++) {
                all[n++] = pcm[i] / 32768f;
            }
        }
        int total = (int) Math.min(n, lastGranule);
        return new Decoded(Arrays.copyOfRange(all, preSkip, total), preSkip, inputRate, pages);
    }

    private static int crc(byte[] page) {
        int c = 0;
        for (byte x : page) {
            c ^= (x & 0xFF) << 24;
            for (int k = 0; k < 8; k++) {
                c = (c & 0x80000000) != 0 ? (c << 1) ^ 0x04C11DB7 : c << 1;
            }
        }
        return c;
    }
}
