package dev.zonos4j.server;

import dev.zonos4j.audio.encode.AudioEncoder;
import dev.zonos4j.audio.encode.OutputFormat;
import dev.zonos4j.engine.AudioSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * OpenAI's speech streaming over server-sent events: the encoded audio, as it is made, in
 * {@code speech.audio.delta} events with base64 chunks; {@link #done} sends the final {@code speech.audio.done}.
 */
final class SseSink implements AudioSink {
    private final OutputFormat format;
    private final OutputStream out;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private AudioEncoder encoder;

    SseSink(OutputFormat format, OutputStream out) {
        this.format = format;
        this.out = out;
    }

    @Override
    public void open(int sampleRate) throws IOException {
        encoder = AudioEncoder.open(format, pending, sampleRate);
    }

    @Override
    public void write(float[] samples, int offset, int length) throws IOException {
        encoder.write(samples, offset, length);
        sendPending();
    }

    @Override
    public void close() throws IOException {
        encoder.finish();
        sendPending();
    }

    @Override
    public void abort() {
        // What was sent stays sent; the client sees the stream end without speech.audio.done.
    }

    /** The closing event, with usage counted in characters in and codec frames out. */
    void done(int inputCharacters, long frames) throws IOException {
        event("{\"type\":\"speech.audio.done\",\"usage\":{\"input_tokens\":" + inputCharacters + ",\"output_tokens\":"
                + frames + ",\"total_tokens\":" + (inputCharacters + frames) + "}}");
    }

    private void sendPending() throws IOException {
        if (pending.size() == 0) {
            return;
        }
        String audio = Base64.getEncoder().encodeToString(pending.toByteArray());
        pending.reset();
        event("{\"type\":\"speech.audio.delta\",\"audio\":\"" + audio + "\"}");
    }

    private void event(String json) throws IOException {
        out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
