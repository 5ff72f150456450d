package dev.zonos4j.engine;

/** What the engine needs from the audio codec: codes of one finished segment to waveform. */
public interface CodecPort {
    int sampleRate();

    /** codes [codebooks][frames] to mono samples in [-1, 1]; memory stays bounded for long segments. */
    float[] decode(int[][] codes);
}
