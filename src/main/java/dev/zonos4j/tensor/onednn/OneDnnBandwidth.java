package dev.zonos4j.tensor.onednn;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The machine's read bandwidth as native code streams it: oneDNN's bf16 matmul of two rows over 1 GiB of
 * weights (16 matrices [8192, 4096], far larger than the caches), which does two multiply-adds per weight and
 * so runs at the speed weights can be read. The matrices are packed as the model's are, in {@link HugePages}, so
 * the roofline and the step read the same kind of memory. This is the roofline a bandwidth-bound decode step is
 * measured against; a Java Vector API read loop reaches half to three quarters of it on our machines, so it would
 * flatter our kernels.
 */
public final class OneDnnBandwidth {
    private static final int N = 8192;
    private static final int K = 4096;
    private static final int MATRICES = 16;

    private OneDnnBandwidth() {
    }

    /** Best GB/s of sweeps over all matrices for about {@code seconds}, on {@code threads} threads. */
    public static double measure(double seconds, int threads) {
        OneDnn dnn = OneDnn.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment source = arena.allocate((long) N * K * 2, 4096);
            source.fill((byte) 0x3c);
            OneDnnMatMul[] w = new OneDnnMatMul[MATRICES];
            for (int i = 0; i < MATRICES; i++) {
                w[i] = OneDnnMatMul.pack(dnn, source, N, K, OneDnn.BF16, threads);
            }
            MemorySegment x = arena.allocate(2L * K * 2, 64);
            MemorySegment y = arena.allocate(2L * N * 4, 64);
            double best = 0;
            long t0 = System.nanoTime();
            int sweeps = 0;
            while (System.nanoTime() - t0 < seconds * 1e9 || sweeps < 3) {
                long s0 = System.nanoTime();
                for (OneDnnMatMul m : w) {
                    m.run(2, x, y, threads);
                }
                if (sweeps > 0) {
                    best = Math.max(best, (double) MATRICES * N * K * 2 / (System.nanoTime() - s0));
                }
                sweeps++;
            }
            return best;
        }
    }
}
