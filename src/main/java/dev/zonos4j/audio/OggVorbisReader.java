package dev.zonos4j.audio;

import com.jcraft.jogg.Packet;
import com.jcraft.jogg.Page;
import com.jcraft.jogg.StreamState;
import com.jcraft.jogg.SyncState;
import com.jcraft.jorbis.Block;
import com.jcraft.jorbis.Comment;
import com.jcraft.jorbis.DspState;
import com.jcraft.jorbis.Info;
import dev.zonos4j.util.InvalidInputException;
import java.util.Arrays;

/**
 * Ogg Vorbis through JOrbis (the decoder under vorbisspi), driven directly: vorbisspi's stream wrapper drops the
 * audio of files small enough to be read whole with the headers. Decodes the first logical stream to float
 * samples and trims it to the last page's granule position, as the format specifies.
 */
final class OggVorbisReader {

    private OggVorbisReader() {
    }

    static AudioClip decode(byte[] d, String name) {
        SyncState sync = new SyncState();
        sync.init();
        int at = sync.buffer(d.length);
        System.arraycopy(d, 0, sync.data, at, d.length);
        sync.wrote(d.length);

        Page page = new Page();
        Packet packet = new Packet();
        if (sync.pageout(page) != 1) {
            throw bad(name, "no Ogg page at the start");
        }
        int serial = page.serialno();
        StreamState stream = new StreamState();
        stream.init(serial);
        Info info = new Info();
        info.init();
        Comment comment = new Comment();
        comment.init();
        stream.pagein(page);
        if (stream.packetout(packet) != 1 || info.synthesis_headerin(comment, packet) < 0) {
            throw bad(name, "the first Ogg packet is not a Vorbis identification header");
        }
        for (int headers = 1; headers < 3; ) {
            int got = stream.packetout(packet);
            if (got == 1) {
                if (info.synthesis_headerin(comment, packet) < 0) {
                    throw bad(name, "corrupt Vorbis header " + (headers + 1));
                }
                headers++;
            } else if (got < 0 || !nextPage(sync, page, stream, serial, name)) {
                throw bad(name, "the Vorbis headers are incomplete");
            }
        }
        if (info.channels <= 0 || info.rate <= 0) {
            throw bad(name, "Vorbis header with " + info.channels + " channels at " + info.rate + " Hz");
        }

        DspState dsp = new DspState();
        dsp.synthesis_init(info);
        Block block = new Block(dsp);
        float[][] out = new float[info.channels][1 << 16];
        int frames = 0;
        float[][][] pcm = new float[1][][];
        int[] index = new int[info.channels];
        long lastGranule = -1;
        boolean ended = false;
        while (!ended) {
            int got = stream.packetout(packet);
            if (got < 0) {
                throw bad(name, "corrupt Vorbis data after " + frames + " samples (a packet is missing)");
            }
            if (got == 0) {
                if (stream.e_o_s != 0) {
                    ended = true;
                } else if (!nextPage(sync, page, stream, serial, name)) {
                    throw bad(name, "truncated Ogg Vorbis stream: it ends after " + frames + " samples without its last page");
                } else if (page.granulepos() >= 0) {
                    lastGranule = page.granulepos();
                }
                continue;
            }
            if (block.synthesis(packet) == 0) {
                dsp.synthesis_blockin(block);
            }
            int n;
            while ((n = dsp.synthesis_pcmout(pcm, index)) > 0) {
                if (frames + n > out[0].length) {
                    for (int c = 0; c < out.length; c++) {
                        out[c] = Arrays.copyOf(out[c], Math.max(frames + n, 2 * out[c].length));
                    }
                }
                for (int c = 0; c < out.length; c++) {
                    System.arraycopy(pcm[0][c], index[c], out[c], frames, n);
                }
                frames += n;
                dsp.synthesis_read(n);
            }
        }
        int length = lastGranule >= 0 && lastGranule < frames ? (int) lastGranule : frames;
        if (length == 0) {
            throw bad(name, "the Vorbis stream holds no audio");
        }
        for (int c = 0; c < out.length; c++) {
            out[c] = Arrays.copyOf(out[c], length);
        }
        return new AudioClip(out, info.rate);
    }

    /** Feeds the next page of our logical stream; false at the end of the data. */
    private static boolean nextPage(SyncState sync, Page page, StreamState stream, int serial, String name) {
        while (true) {
            int got = sync.pageout(page);
            if (got == 0) {
                return false;
            }
            if (got < 0) {
                throw bad(name, "corrupt Ogg page (lost sync or bad checksum)");
            }
            if (page.serialno() == serial) {
                stream.pagein(page);
                return true;
            }
        }
    }

    private static InvalidInputException bad(String name, String what) {
        return new InvalidInputException(name + ": " + what);
    }
}
