package dev.zonos4j.model.zonos;

import dev.zonos4j.tensor.KvBlockTable;

/**
 * Scratch for one backbone pass over R rows, allocated once and grown only when more rows come: the decode
 * loop allocates nothing in steady state. One workspace per model; passes are not concurrent.
 */
final class Workspace {
    private final int d;
    private final int qkvDim;
    private final int attDim;
    private final int inter;
    private final int half;
    private final int logitsWidth;
    private int capacity;

    float[] x; // [R, d] residual stream
    float[] xn; // [R, d] normed
    float[] qkv; // [R, qkvDim]
    float[] att; // [R, H hd]
    float[] tmp; // [R, d]
    float[] fc1; // [R, 2 I]
    float[] gated; // [R, I]
    float[] cos; // [R, hd / 2]
    float[] sin; // [R, hd / 2]
    float[] head; // [R, headRows]
    float[] logits; // [R, 9, logitsWidth]
    int[] pos; // [R]
    int[] stream; // [R] 0 = cond, 1 = uncond (for probes)
    KvBlockTable[] kv; // [R]
    MambaState[] ssm; // [R] the row's Mamba2 states (hybrid only)

    Workspace(ZonosConfig cfg) {
        var bb = cfg.backbone();
        this.d = bb.dModel();
        this.qkvDim = (bb.attnCfg().numHeads() + 2 * bb.attnCfg().numHeadsKv()) * bb.headDim();
        this.attDim = bb.attnCfg().numHeads() * bb.headDim();
        this.inter = bb.attnMlpDIntermediate();
        this.half = bb.headDim() / 2;
        this.logitsWidth = cfg.logitsWidth();
        ensure(2);
    }

    void ensure(int rows) {
        if (rows <= capacity) {
            return;
        }
        int n = Math.max(rows, capacity * 2);
        x = new float[n * d];
        xn = new float[n * d];
        qkv = new float[n * qkvDim];
        att = new float[n * attDim];
        tmp = new float[n * d];
        fc1 = new float[n * 2 * inter];
        gated = new float[n * inter];
        cos = new float[n * half];
        sin = new float[n * half];
        head = new float[n * logitsWidth];
        logits = new float[n * ZonosConfig.CODEBOOKS * logitsWidth];
        pos = new int[n];
        stream = new int[n];
        kv = new KvBlockTable[n];
        ssm = new MambaState[n];
        capacity = n;
    }
}
