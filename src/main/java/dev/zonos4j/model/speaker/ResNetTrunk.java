package dev.zonos4j.model.speaker;

import dev.zonos4j.tensor.Convolution;

/**
 * The ResNet front: stem conv 3×3 (1 → in_planes) + BN + ReLU, then four layers of SimAM blocks with widths
 * in_planes·{1, 2, 4, 8} whose first blocks have strides {1, 2, 2, 2}. Input (1, mels, T) with H = mel and
 * W = time; output (8·in_planes, mels/8, ⌈T/8⌉).
 */
final class ResNetTrunk {
    private static final int[] FIRST_STRIDE = {1, 2, 2, 2};

    private final ResNetConfig config;
    private final Convolution stem;          // (in_planes, 1, 3, 3), bn1 folded
    private final SimAmBlock[][] layers; // [layer][block]

    private ResNetTrunk(ResNetConfig config, Convolution stem, SimAmBlock[][] layers) {
        this.config = config;
        this.stem = stem;
        this.layers = layers;
    }

    static ResNetTrunk load(StateDict sd, ResNetConfig config) {
        Convolution stem = SimAmBlock.convBn(sd, "front.conv1", "front.bn1", 1, config.inPlanes(), 3, 1, 1);
        SimAmBlock[][] layers = new SimAmBlock[ResNetConfig.LAYERS][];
        int in = config.inPlanes();
        for (int l = 0; l < ResNetConfig.LAYERS; l++) {
            int planes = config.width(l);
            layers[l] = new SimAmBlock[config.depth(l)];
            for (int b = 0; b < layers[l].length; b++) {
                int stride = b == 0 ? FIRST_STRIDE[l] : 1;
                layers[l][b] = SimAmBlock.load(sd, "front.layer" + (l + 1) + "." + b + ".", in, planes, stride);
                in = planes;
            }
        }
        return new ResNetTrunk(config, stem, layers);
    }

    /** The output of {@link #forward}: which workspace map holds it, and its shape. */
    record Output(int map, int channels, int height, int width) {
    }

    /** Convolution FLOPs (2 per multiply-add) for {@code frames} input frames. */
    long flops(int frames) {
        int h = config.mels();
        int w = frames;
        long total = 2L * config.inPlanes() * 9 * h * w;
        for (SimAmBlock[] layer : layers) {
            for (SimAmBlock block : layer) {
                total += block.flops(h, w);
                int ho = block.outHeight(h);
                w = block.outWidth(w);
                h = ho;
            }
        }
        return total;
    }

    /** Sizes the workspace for {@code frames} input frames. */
    void reserve(Workspace ws, int frames) {
        int h = config.mels();
        int w = frames;
        int maxMap = config.inPlanes() * h * w;
        int maxScratch = stem.scratchSize(h, w);
        for (SimAmBlock[] layer : layers) {
            for (SimAmBlock block : layer) {
                maxScratch = Math.max(maxScratch, block.scratchSize(h, w));
                int ho = block.outHeight(h);
                int wo = block.outWidth(w);
                maxMap = Math.max(maxMap, block.planes() * ho * wo);
                h = ho;
                w = wo;
            }
        }
        ws.reserve(maxMap, maxScratch);
    }

    /** @param fbank (mels, frames), copied into workspace map 0 */
    Output forward(Workspace ws, float[] fbank, int frames, SpeakerProbe probe) {
        int h = config.mels();
        int w = frames;
        reserve(ws, frames);
        System.arraycopy(fbank, 0, ws.map(0), 0, h * w);
        int x = 1;
        float[] stemOut = ws.map(x);
        int c = config.inPlanes();
        stem.forward(ws.map(0), h, w, stemOut, false, ws.scratch());
        probe.activation("front.bn1", stemOut, 1, c, h, w);
        for (int i = 0; i < c * h * w; i++) {
            stemOut[i] = Math.max(stemOut[i], 0f);
        }
        for (int l = 0; l < ResNetConfig.LAYERS; l++) {
            for (SimAmBlock block : layers[l]) {
                int ho = block.outHeight(h);
                int wo = block.outWidth(w);
                x = block.forward(ws, x, h, w);
                h = ho;
                w = wo;
            }
            c = config.width(l);
            probe.activation("front.layer" + (l + 1), ws.map(x), 1, c, h, w);
        }
        return new Output(x, c, h, w);
    }
}
