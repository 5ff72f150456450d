package dev.zonos4j.model.dac;

import dev.zonos4j.tensor.Signal;

/** Receives named intermediate activations (golden checks); must copy what it keeps, buffers are reused. */
@FunctionalInterface
public interface Probe {
    void record(String name, Signal value);
}
