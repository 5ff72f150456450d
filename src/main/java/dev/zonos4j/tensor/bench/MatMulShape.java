package dev.zonos4j.tensor.bench;

/** The real Zonos transformer's largest weight matrices [out, in] (d 2048, 16 + 2 x 4 heads of 128, I 8192). */
public enum MatMulShape {
    FC1(16384, 2048), FC2(2048, 8192), IN_PROJ(3072, 2048), HEAD(1025, 2048);

    public final int out;
    public final int in;

    MatMulShape(int out, int in) {
        this.out = out;
        this.in = in;
    }
}
