package dev.zonos4j.engine;

import dev.zonos4j.model.dac.DacModel;

/** The DAC decoder behind the engine's codec port (chunked decode inside, so memory stays bounded). */
public final class DacCodec implements CodecPort {
    private final DacModel dac;

    public DacCodec(DacModel dac) {
        this.dac = dac;
    }

    @Override
    public int sampleRate() {
        return dac.sampleRate();
    }

    @Override
    public int samplesPerFrame() {
        return dac.hopLength();
    }

    @Override
    public float[] decode(int[][] codes) {
        return dac.decode(codes);
    }
}
