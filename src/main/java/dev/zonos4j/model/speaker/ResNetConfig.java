package dev.zonos4j.model.speaker;

import dev.zonos4j.weights.WeightsException;
import java.util.Arrays;

/**
 * Sizes of the ResNet-SimAM-ASP speaker network, read from checkpoint shapes. The published model is
 * {@code in_planes 64, depths [10, 20, 64, 3], 80 mels, attention 128, embedding 256} (ResNet293).
 *
 * @param inPlanes   stem width; layer i has width inPlanes·2^i
 * @param depths     blocks per layer (4 layers)
 * @param mels       input height (mel bins)
 * @param attention  hidden size of the pooling attention
 * @param embedding  output size of the bottleneck
 */
public record ResNetConfig(int inPlanes, int[] depths, int mels, int attention, int embedding) {
    static final int LAYERS = 4;

    public ResNetConfig {
        if (inPlanes < 1 || mels < 8 || mels % 8 != 0 || attention < 1 || embedding < 1 || depths.length != LAYERS
                || Arrays.stream(depths).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("bad speaker network sizes: in_planes " + inPlanes + ", depths "
                    + Arrays.toString(depths) + ", mels " + mels + ", attention " + attention + ", embedding " + embedding);
        }
        depths = depths.clone();
    }

    @Override
    public int[] depths() {
        return depths.clone();
    }

    /** The published ResNet293 shape for a given stem width. */
    public static ResNetConfig resnet293(int inPlanes) {
        return new ResNetConfig(inPlanes, new int[] {10, 20, 64, 3}, 80, 128, 256);
    }

    public int width(int layer) {
        return inPlanes << layer;
    }

    public int depth(int layer) {
        return depths[layer];
    }

    /** Rows the pooling sees: final width times the final mel height (mels / 8). */
    public int pooledRows() {
        return width(LAYERS - 1) * (mels / 8);
    }

    /** Derives the sizes from a state dict's key list and shapes. */
    static ResNetConfig fromStateDict(StateDict sd) {
        long[] stem = sd.shape("front.conv1.weight");
        if (stem.length != 4 || stem[1] != 1 || stem[2] != 3 || stem[3] != 3) {
            throw new WeightsException(sd.source() + ": tensor 'front.conv1.weight' has shape " + Arrays.toString(stem)
                    + ", expected [in_planes, 1, 3, 3]");
        }
        int inPlanes = (int) stem[0];
        int[] depths = new int[LAYERS];
        for (int l = 0; l < LAYERS; l++) {
            while (sd.has("front.layer" + (l + 1) + "." + depths[l] + ".conv1.weight")) {
                depths[l]++;
            }
            if (depths[l] == 0) {
                throw new WeightsException(sd.source() + ": no blocks found for 'front.layer" + (l + 1)
                        + ".*' (missing 'front.layer" + (l + 1) + ".0.conv1.weight')");
            }
        }
        long[] att = sd.shape("pooling.attention.0.weight");
        long[] bottleneck = sd.shape("bottleneck.weight");
        if (att.length != 3 || bottleneck.length != 2) {
            throw new WeightsException(sd.source() + ": pooling/bottleneck shapes " + Arrays.toString(att) + ", "
                    + Arrays.toString(bottleneck) + " are not those of a ResNet-ASP speaker model");
        }
        int pooledRows = (int) att[1];
        int finalWidth = inPlanes * 8;
        if (pooledRows % finalWidth != 0) {
            throw new WeightsException(sd.source() + ": tensor 'pooling.attention.0.weight' has " + pooledRows
                    + " input rows, not a multiple of the final width " + finalWidth);
        }
        return new ResNetConfig(inPlanes, depths, pooledRows / finalWidth * 8, (int) att[0], (int) bottleneck[0]);
    }
}
