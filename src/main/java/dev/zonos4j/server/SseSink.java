package dev.zonos4j.server;

import dev.zonos4j.audio.encode.AudioEncoder;
import dev.zonos4j.audio.encode.OutputFormat;
import dev.zonos4j.engine.AudioSink;
import dev.zonos4j.engine.SpeechListener;
import dev.zonos4j.engine.SpeechReport;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * OpenAI's speech streaming over server-sent events: the encoded audio, as it is made, in
 * {@code speech.audio.delta} events with base64 chunks; {@link #done} sends {@code speech.audio.done}, then the
 * run report as the last event, {@code speech.report} (a Zonos extension, ignored by OpenAI clients).
 * With {@code progress}, {@code speech.progress} events (a Zonos extension, ignored by OpenAI clients that read
 * only the audio events) say how far the request is: segments done of planned, audio seconds sent, real-time factor.
 * The audio worker and the generating thread both write here, so every event is written under one lock.
 */
final class SseSink implements AudioSink, SpeechListener {
    private final OutputFormat format;
    private final OutputStream out;
    private final boolean progress;
    private final long startNanos = System.nanoTime();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private AudioEncoder encoder;
    private int sampleRate;
    private long samplesSent;
    private int segmentsPlanned;
    private int segmentsDone;

    SseSink(OutputFormat format, OutputStream out, boolean progress) {
        this.format = format;
        this.out = out;
        this.progress = progress;
    }

    @Override
    public synchronized void open(int sampleRate) throws IOException {
        this.sampleRate = sampleRate;
        encoder = AudioEncoder.open(format, pending, sampleRate);
    }

    @Override
    public synchronized void write(float[] samples, int offset, int length) throws IOException {
        encoder.write(samples, offset, length);
        samplesSent += length;
        sendPending();
        sendProgress();
    }

    @Override
    public synchronized void close() throws IOException {
        encoder.finish();
        sendPending();
    }

    @Override
    public void abort() {
        // What was sent stays sent; the client sees the stream end without speech.audio.done.
    }

    @Override
    public synchronized void planned(int segments, int characters) {
        segmentsPlanned = segments;
        progressUnchecked();
    }

    @Override
    public synchronized void segmentGenerated(int index, int frames) {
        segmentsDone++;
        progressUnchecked();
    }

    /** The closing events: usage counted in characters in and codec frames out, then the run report. */
    synchronized void done(int inputCharacters, long frames, SpeechReport report) throws IOException {
        sendProgress();
        event("{\"type\":\"speech.audio.done\",\"usage\":{\"input_tokens\":" + inputCharacters + ",\"output_tokens\":"
                + frames + ",\"total_tokens\":" + (inputCharacters + frames) + "}}");
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("type", "speech.report");
        o.set("report", report.toJson());
        event(o.toString());
    }

    private void progressUnchecked() {
        try {
            sendProgress();
        } catch (IOException e) {
            // Called on the shared decode thread, where throwing would hurt other requests; the client went away
            // and the next audio write fails with this same error, which cancels only this request.
        }
    }

    private void sendProgress() throws IOException {
        if (!progress) {
            return;
        }
        double audioSeconds = sampleRate > 0 ? (double) samplesSent / sampleRate : 0;
        double wall = (System.nanoTime() - startNanos) / 1e9;
        event(String.format(Locale.ROOT, "{\"type\":\"speech.progress\",\"segments_done\":%d,\"segments\":%d,"
                        + "\"sample_rate\":%d,\"audio_seconds\":%.4f,\"wall_seconds\":%.3f,\"rtf\":%s}",
                segmentsDone, segmentsPlanned, sampleRate, audioSeconds, wall,
                audioSeconds > 0 ? String.format(Locale.ROOT, "%.4f", wall / audioSeconds) : "null"));
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
