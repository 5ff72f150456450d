package dev.zonos4j.engine;

/** What the engine needs from the audio codec: codes of one finished segment to waveform. */
public interface CodecPort {
    int sampleRate();

    /** Audio samples per code frame (the hop length). */
    int samplesPerFrame();

    /** codes [codebooks][frames] to mono samples in [-1, 1]; memory stays bounded for long segments. */
    float[] decode(int[][] codes);
}
