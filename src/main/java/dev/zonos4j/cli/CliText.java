package dev.zonos4j.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** UTF-8 writers over the current stdout/stderr: phonemes are IPA, which a C locale's default charset would mangle. */
final class CliText {
    private CliText() {
    }

    static PrintWriter out() {
        return new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    }

    static PrintWriter err() {
        return new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    }
}
