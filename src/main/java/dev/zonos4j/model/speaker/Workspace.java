package dev.zonos4j.model.speaker;

/**
 * Buffers reused across blocks and calls: four feature maps (a block's input, two intermediates and the
 * shortcut) and the convolution scratch. They only grow, so a second clip of the same length allocates nothing.
 */
final class Workspace {
    static final int MAPS = 4;

    private final float[][] maps = new float[MAPS][0];
    private float[] scratch = new float[0];

    void reserve(int mapFloats, int scratchFloats) {
        for (int i = 0; i < MAPS; i++) {
            if (maps[i].length < mapFloats) {
                maps[i] = new float[mapFloats];
            }
        }
        if (scratch.length < scratchFloats) {
            scratch = new float[scratchFloats];
        }
    }

    float[] map(int i) {
        return maps[i];
    }

    float[] scratch() {
        return scratch;
    }

    /** The first map index that is none of {@code busy}. */
    static int free(int... busy) {
        outer:
        for (int i = 0; i < MAPS; i++) {
            for (int b : busy) {
                if (b == i) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("no free feature map");
    }
}
