package dev.zonos4j.model.speaker;

/**
 * ResNet293_based: log-mel features (mels, T) → ResNet trunk → attentive statistics pooling →
 * bottleneck Linear → the 256-d speaker embedding. Not thread-safe (it owns its workspace).
 */
final class SpeakerNetwork {
    private final ResNetConfig config;
    private final ResNetTrunk trunk;
    private final AttentiveStatsPooling pooling;
    private final float[] bottleneckW; // (embedding, 2·pooledRows)
    private final float[] bottleneckB; // (embedding)
    private final Workspace workspace = new Workspace();

    private SpeakerNetwork(ResNetConfig config, ResNetTrunk trunk, AttentiveStatsPooling pooling, float[] bw, float[] bb) {
        this.config = config;
        this.trunk = trunk;
        this.pooling = pooling;
        this.bottleneckW = bw;
        this.bottleneckB = bb;
    }

    static SpeakerNetwork load(StateDict sd) {
        ResNetConfig config = ResNetConfig.fromStateDict(sd);
        ResNetTrunk trunk = ResNetTrunk.load(sd, config);
        int rows = config.pooledRows();
        AttentiveStatsPooling pooling = AttentiveStatsPooling.load(sd, rows, config.attention());
        float[] bw = sd.floats("bottleneck.weight", config.embedding(), 2L * rows);
        float[] bb = sd.floats("bottleneck.bias", config.embedding());
        return new SpeakerNetwork(config, trunk, pooling, bw, bb);
    }

    ResNetConfig config() {
        return config;
    }

    long flops(int frames) {
        return trunk.flops(frames);
    }

    /** @param fbank (mels, frames) */
    float[] forward(float[] fbank, int frames, SpeakerProbe probe) {
        ResNetTrunk.Output front = trunk.forward(workspace, fbank, frames, probe);
        if (front.channels() * front.height() != config.pooledRows()) {
            throw new IllegalStateException("trunk output " + front.channels() + "x" + front.height()
                    + " does not give the pooling's " + config.pooledRows() + " rows");
        }
        int t = front.width();
        float[] x = workspace.map(front.map());
        int hiddenMap = Workspace.free(front.map());
        int attMap = Workspace.free(front.map(), hiddenMap);
        float[] pooled = pooling.forward(x, t, workspace.map(hiddenMap), workspace.map(attMap), probe);
        return Dense.matvec(bottleneckW, bottleneckB, config.embedding(), 2 * config.pooledRows(), pooled);
    }
}
