package dev.zonos4j.golden;

/** One golden case: runs our implementation on the case's inputs and records its checks. */
public interface GoldenCase {
    String name();

    void run(GoldenReport report) throws Exception;
}
