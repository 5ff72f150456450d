package dev.zonos4j.model.speaker;

/**
 * Receives named intermediate activations while the network runs (for golden checks and debugging).
 * Names: {@code front.bn1} (stem after BatchNorm, before ReLU), {@code front.layer1..4},
 * {@code pooling.attention_softmax}, {@code pooling}. The data array is only valid during the call.
 */
@FunctionalInterface
public interface SpeakerProbe {
    SpeakerProbe NONE = (name, data, shape) -> {
    };

    void activation(String name, float[] data, int... shape);
}
