package dev.zonos4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.audio.AudioClip;
import dev.zonos4j.audio.AudioReader;
import dev.zonos4j.audio.WavWriter;
import dev.zonos4j.audio.encode.OutputFormat;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sinks a request writes into: complete only on close, nothing that looks complete after abort. */
class AudioSinksTest {
    private static final float[] RAMP = {0f, 0.25f, 0.5f, -0.25f, -0.5f, 0.125f};

    @Test
    void aWavFileAppearsOnlyWhenClosedAndAbortLeavesNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out.wav");
        WavFileSink sink = new WavFileSink(file, WavWriter.Encoding.FLOAT32);
        sink.abort(); // before open: nothing to discard
        sink.open(24_000);
        sink.write(RAMP, 1, 4);
        assertFalse(Files.exists(file));
        sink.close();
        AudioClip clip = AudioReader.read(file);
        assertEquals(24_000, clip.sampleRate());
        assertArrayEquals(new float[] {0.25f, 0.5f, -0.25f, -0.5f}, clip.mono());

        Path other = dir.resolve("aborted.wav");
        WavFileSink aborted = new WavFileSink(other, WavWriter.Encoding.PCM16);
        aborted.open(24_000);
        aborted.write(RAMP, 0, RAMP.length);
        aborted.abort();
        try (var left = Files.list(dir)) {
            assertEquals(List.of(file), left.toList());
        }
    }

    @Test
    void anEncodedFileIsWrittenUnderPartialUntilClosed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out.flac");
        EncodedFileSink sink = new EncodedFileSink(file, OutputFormat.FLAC);
        sink.abort(); // before open: nothing to discard
        sink.open(16_000);
        sink.write(RAMP, 0, RAMP.length);
        assertTrue(Files.exists(dir.resolve("out.flac.partial")));
        assertFalse(Files.exists(file));
        sink.close();
        assertFalse(Files.exists(dir.resolve("out.flac.partial")));
        assertEquals(RAMP.length, AudioReader.read(file).frames());

        Path other = dir.resolve("gone.flac");
        EncodedFileSink aborted = new EncodedFileSink(other, OutputFormat.FLAC);
        aborted.open(16_000);
        aborted.write(RAMP, 0, RAMP.length);
        aborted.abort();
        assertFalse(Files.exists(other));
        assertFalse(Files.exists(dir.resolve("gone.flac.partial")));
    }

    @Test
    void anEncodedStreamCarriesTheAudioAndAbortKeepsWhatWasSent() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EncodedStreamSink sink = new EncodedStreamSink(OutputFormat.WAV, out);
        sink.open(8_000);
        sink.write(RAMP, 2, 3);
        sink.close();
        AudioClip clip = AudioReader.decode(out.toByteArray(), "stream.wav");
        assertEquals(8_000, clip.sampleRate());
        assertEquals(3, clip.frames());
        int sent = out.size();
        sink.abort();
        assertEquals(sent, out.size());
    }

    @Test
    void aPublisherHandsOnCopiesAndEndsWithAnErrorWhenAborted() throws Exception {
        ChunkPublisher publisher = new ChunkPublisher(4);
        List<float[]> got = new ArrayList<>();
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<>() {
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            public void onNext(float[] chunk) {
                got.add(chunk);
            }

            public void onError(Throwable t) {
                ended.complete(t);
            }

            public void onComplete() {
                ended.complete(null);
            }
        });
        publisher.open(44_100);
        float[] buffer = RAMP.clone();
        publisher.write(buffer, 1, 2);
        buffer[1] = 9f; // the writer may reuse its buffer: a chunk must be a copy
        publisher.abort();
        Throwable t = ended.get(10, TimeUnit.SECONDS);
        assertEquals("speech generation was aborted", t.getMessage());
        assertEquals(1, got.size());
        assertArrayEquals(new float[] {0.25f, 0.5f}, got.getFirst());
    }
}
