package dev.zonos4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.TestKits;
import dev.zonos4j.audio.AudioClip;
import dev.zonos4j.audio.AudioReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpeakCommandTest {
    static final String TEXT = "The first sentence is here. A second one follows it, somewhat longer than the first. "
            + "And a third closes the paragraph.";

    @TempDir
    Path tmp;

    private List<String> tiny(String... more) {
        List<String> a = new ArrayList<>(List.of("speak", "--model", TestKits.zonos().resolve("tiny").toString(),
                "--codec", TestKits.dac().resolve("tiny").toString(), "--voice-store", tmp.resolve("v.db").toString(),
                "--max-frames", "30", "--seed", "7", "--quiet"));
        a.addAll(List.of(more));
        return a;
    }

    private static CliRun run(List<String> args) {
        return CliRun.zonos(args.toArray(String[]::new));
    }

    @Test
    void standardAndEfficientModesWriteIdenticalFiles() throws IOException {
        Path a = tmp.resolve("standard.wav");
        Path b = tmp.resolve("efficient.wav");
        CliRun ra = run(tiny(TEXT, "--mode", "standard", "-o", a.toString()));
        assertEquals(0, ra.status(), ra.err());
        CliRun rb = run(tiny(TEXT, "--mode", "efficient", "-o", b.toString()));
        assertEquals(0, rb.status(), rb.err());
        byte[] wa = Files.readAllBytes(a);
        assertEquals("RIFF", new String(wa, 0, 4, StandardCharsets.US_ASCII));
        assertTrue(wa.length > 44 + 1000, "audio expected, got " + wa.length + " bytes");
        assertArrayEquals(wa, Files.readAllBytes(b));
        try (Stream<Path> files = Files.list(tmp)) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".partial")));
        }
    }

    @Test
    void stdoutStreamsRawPcm() throws IOException {
        Path wav = tmp.resolve("s.wav");
        assertEquals(0, run(tiny(TEXT, "-o", wav.toString())).status());
        CliRun r = run(tiny(TEXT, "--stdout"));
        assertEquals(0, r.status(), r.err());
        byte[] file = Files.readAllBytes(wav);
        assertArrayEquals(Arrays.copyOfRange(file, 44, file.length), r.outBytes());
    }

    @Test
    void badInputIsAUsageErrorAndLeavesNoFile() throws IOException {
        Path out = tmp.resolve("out.wav");
        Path garbage = Files.writeString(tmp.resolve("clip.wav"), "not audio at all");
        List<List<String>> bad = List.of(
                tiny("", "-o", out.toString()),
                tiny("?! ... ;", "-o", out.toString()),
                tiny(TEXT, "--cfg", "0.5", "-o", out.toString()),
                tiny(TEXT, "--rate", "-3", "-o", out.toString()),
                tiny(TEXT, "--lang", "xx", "-o", out.toString()),
                tiny(TEXT, "--voice", "nobody", "-o", out.toString()),
                tiny(TEXT, "--voice", tmp.resolve("missing.wav").toString(), "-o", out.toString()),
                tiny(TEXT, "--voice", garbage.toString(), "-o", out.toString()),
                tiny(TEXT),
                tiny("-f", tmp.resolve("no-such.txt").toString(), "-o", out.toString()),
                tiny(TEXT, "--mode", "turbo", "-o", out.toString()),
                tiny(TEXT, "--bogus-flag", "-o", out.toString()));
        for (List<String> args : bad) {
            CliRun r = run(args);
            assertEquals(Main.EXIT_USAGE, r.status(), args + " -> " + r.err());
            assertTrue(r.err().startsWith("zonos: ") || r.err().contains("Unknown option"), r.err());
            assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
        }
        try (Stream<Path> files = Files.list(tmp)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("out.wav")));
        }
    }

    @Test
    void theOutputExtensionPicksTheFormatAndFormatOverridesIt() throws IOException {
        Path wav = tmp.resolve("a.wav");
        Path flac = tmp.resolve("a.flac");
        Path mp3 = tmp.resolve("a.mp3");
        Path ogg = tmp.resolve("a.ogg");
        Path forced = tmp.resolve("a.audio");
        for (List<String> args : List.of(tiny(TEXT, "-o", wav.toString()), tiny(TEXT, "-o", flac.toString()),
                tiny(TEXT, "-o", mp3.toString()), tiny(TEXT, "-o", ogg.toString()),
                tiny(TEXT, "-o", forced.toString(), "--format", "flac"))) {
            CliRun r = run(args);
            assertEquals(0, r.status(), args + " -> " + r.err());
        }
        AudioClip reference = AudioReader.read(wav);
        // FLAC is lossless: the same 16-bit samples as the WAV file.
        assertArrayEquals(reference.mono(), AudioReader.read(flac).mono());
        assertArrayEquals(reference.mono(), AudioReader.read(forced).mono());
        AudioClip decodedMp3 = AudioReader.read(mp3);
        assertTrue(decodedMp3.seconds() >= reference.seconds() && decodedMp3.seconds() < reference.seconds() + 0.1,
                "mp3 " + decodedMp3.seconds() + " s vs wav " + reference.seconds() + " s");
        byte[] opus = Files.readAllBytes(ogg);
        assertEquals("OggS", new String(opus, 0, 4, StandardCharsets.US_ASCII));
        assertEquals("OpusHead", new String(opus, 28, 8, StandardCharsets.US_ASCII));
        CliRun bad = run(tiny(TEXT, "-o", tmp.resolve("x.aac").toString(), "--format", "aac"));
        assertEquals(Main.EXIT_USAGE, bad.status());
        assertTrue(bad.err().contains("wav, pcm, flac, mp3, opus"), bad.err());
    }
}
