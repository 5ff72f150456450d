package dev.zonos4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.TestKits;
import dev.zonos4j.audio.AudioClip;
import dev.zonos4j.audio.TestAudio;
import dev.zonos4j.audio.TestAudio.Encoding;
import dev.zonos4j.engine.SampleText;
import dev.zonos4j.model.zonos.ZonosModel;
import dev.zonos4j.tensor.Kernels;
import dev.zonos4j.tensor.WeightMatrix;
import dev.zonos4j.text.Language;
import dev.zonos4j.text.Segment;
import dev.zonos4j.text.TextFrontEnd;
import dev.zonos4j.audio.AudioReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** Text of several segments at the CLI's default budget (270 phonemes), so efficient mode forms batches. */
    static final String LONG_TEXT = SampleText.of(1_000, 4);

    /** The summary's "(batch up to N)". */
    private static int batchUpTo(CliRun r) {
        Matcher m = Pattern.compile("\\(batch up to (\\d+)\\)").matcher(r.err());
        assertTrue(m.find(), "no summary line in: " + r.err());
        return Integer.parseInt(m.group(1));
    }

    private List<String> loud(List<String> args) {
        List<String> a = new ArrayList<>(args);
        a.remove("--quiet");
        return a;
    }

    @Test
    void standardAndEfficientModesWriteIdenticalFiles() throws IOException {
        Path a = tmp.resolve("standard.wav");
        Path b = tmp.resolve("efficient.wav");
        CliRun ra = run(loud(tiny(LONG_TEXT, "--mode", "standard", "-o", a.toString())));
        assertEquals(0, ra.status(), ra.err());
        CliRun rb = run(loud(tiny(LONG_TEXT, "--mode", "efficient", "--max-batch", "4", "-o", b.toString())));
        assertEquals(0, rb.status(), rb.err());
        assertTrue(ra.err().contains(" segments, ") && !ra.err().contains(", 1 segments, "), ra.err());
        assertEquals(1, batchUpTo(ra));
        assertTrue(batchUpTo(rb) > 1, "efficient mode should have batched segments: " + rb.err());
        byte[] wa = Files.readAllBytes(a);
        assertEquals("RIFF", new String(wa, 0, 4, StandardCharsets.US_ASCII));
        assertTrue(wa.length > 44 + 1000, "audio expected, got " + wa.length + " bytes");
        assertArrayEquals(wa, Files.readAllBytes(b));
        try (Stream<Path> files = Files.list(tmp)) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".partial")));
        }
    }

    private Path clip(String name, long seed) {
        float[] x = TestAudio.plusNoise(TestAudio.bursts(6, 0.3, 0.2, 0.01 + 0.02 * seed, 16000), 1e-7, seed);
        for (int i = 0; i < x.length; i++) {
            x[i] *= (float) (1 + 0.5 * Math.sin(i * 0.001 * seed));
        }
        return TestAudio.writeWav(tmp.resolve(name), new AudioClip(new float[][] {x}, 16000), Encoding.PCM16);
    }

    @Test
    void aSavedVoiceSpeaksLikeItsClipAndAnotherVoiceDiffers() throws IOException {
        String speaker = TestKits.speaker().resolve("tiny").toString();
        Path alice = clip("alice.wav", 1);
        Path bob = clip("bob.wav", 2);
        CliRun add = run(List.of("voice", "add", "alice", alice.toString(), "--speaker-model", speaker,
                "--voice-store", tmp.resolve("v.db").toString()));
        assertEquals(0, add.status(), add.err());
        Path byName = tmp.resolve("by-name.wav");
        Path byClip = tmp.resolve("by-clip.wav");
        Path other = tmp.resolve("other.wav");
        Path neutral = tmp.resolve("neutral.wav");
        for (List<String> args : List.of(
                tiny(TEXT, "--voice", "alice", "-o", byName.toString()),
                tiny(TEXT, "--voice", alice.toString(), "--speaker-model", speaker, "-o", byClip.toString()),
                tiny(TEXT, "--voice", bob.toString(), "--speaker-model", speaker, "-o", other.toString()),
                tiny(TEXT, "-o", neutral.toString()))) {
            CliRun r = run(args);
            assertEquals(0, r.status(), args + " -> " + r.err());
        }
        byte[] named = Files.readAllBytes(byName);
        assertArrayEquals(named, Files.readAllBytes(byClip), "a saved voice and its clip must give the same audio");
        assertFalse(Arrays.equals(named, Files.readAllBytes(other)), "two voices gave the same audio");
        assertFalse(Arrays.equals(named, Files.readAllBytes(neutral)), "the voice was not used");
    }

    @Test
    void chainPrefixRunsSequentiallyAndIsReported() throws IOException {
        Path chained = tmp.resolve("chained.wav");
        Path plain = tmp.resolve("plain.wav");
        CliRun r = run(loud(tiny(LONG_TEXT, "--chain-prefix", "0.2", "--mode", "efficient", "-o", chained.toString())));
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("mode standard+chain (batch up to 1)"), r.err());
        assertEquals(0, run(tiny(LONG_TEXT, "-o", plain.toString())).status());
        assertFalse(Arrays.equals(Files.readAllBytes(chained), Files.readAllBytes(plain)),
                "the chained prefix should change the audio after the first segment");
        assertEquals(Main.EXIT_USAGE, run(tiny(TEXT, "--chain-prefix", "11", "-o", plain.toString())).status());
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
    void badInputIsAOneLineUsageErrorNamingTheProblem() throws IOException {
        Path out = tmp.resolve("out.wav");
        Path garbage = Files.writeString(tmp.resolve("clip.wav"), "not audio at all");
        Map<List<String>, String> bad = new LinkedHashMap<>();
        bad.put(tiny("", "-o", out.toString()), "the text is empty: give some words to speak");
        bad.put(tiny("?! ... ;", "-o", out.toString()),
                "the text has nothing to speak: it holds only punctuation, symbols or whitespace");
        bad.put(tiny(TEXT, "--cfg", "0.5", "-o", out.toString()), "cfg must be >= 1 (1 = no guidance), got 0.5");
        bad.put(tiny(TEXT, "--rate", "-3", "-o", out.toString()), "rate must be in [0, 40], got -3.0");
        bad.put(tiny(TEXT, "--lang", "xx", "-o", out.toString()), "unknown language 'xx'; nearest Zonos language codes: af, am, an, ar, as, az (109 codes in all)");
        bad.put(tiny(TEXT, "--voice", "nobody", "-o", out.toString()), "unknown voice 'nobody'; no voices are stored in " + tmp.resolve("v.db") + " yet");
        bad.put(tiny(TEXT, "--voice", tmp.resolve("missing.wav").toString(), "-o", out.toString()),
                "voice clip " + tmp.resolve("missing.wav") + " not found (give an audio file or a saved voice name)");
        bad.put(tiny(TEXT, "--voice", garbage.toString(), "-o", out.toString()), garbage + ": not a recognised audio file (supported: WAV, FLAC, MP3, Ogg Vorbis)");
        bad.put(tiny(TEXT), "give either -o FILE (.wav, .flac, .mp3, .opus) or --stdout");
        bad.put(tiny(TEXT, "-o", out.toString(), "--stdout"), "give either -o FILE (.wav, .flac, .mp3, .opus) or --stdout");
        bad.put(tiny("-f", tmp.resolve("no-such.txt").toString(), "-o", out.toString()),
                "text file " + tmp.resolve("no-such.txt") + " not found");
        bad.put(tiny(TEXT, "--mode", "turbo", "-o", out.toString()), "--mode must be auto, standard or efficient, got 'turbo'");
        bad.put(tiny(TEXT, "--wav-encoding", "mp3", "-o", out.toString()), "--wav-encoding: unknown WAV encoding 'mp3' (use pcm16 or float32)");
        bad.put(tiny(TEXT, "--memory-budget", "lots", "-o", out.toString()),
                "--memory-budget: 'lots' is not a size like 512M or 2G");
        bad.put(tiny(TEXT, "-o", tmp.resolve("no-dir/out.wav").toString()),
                "cannot write " + tmp.resolve("no-dir/out.wav") + ": folder " + tmp.resolve("no-dir") + " does not exist");
        for (Map.Entry<List<String>, String> c : bad.entrySet()) {
            CliRun r = run(c.getKey());
            assertEquals(Main.EXIT_USAGE, r.status(), c.getKey() + " -> " + r.err());
            assertEquals("zonos: " + c.getValue() + "\n", r.err(), "message for " + c.getKey());
        }
        CliRun unknown = run(tiny(TEXT, "--bogus-flag", "-o", out.toString()));
        assertEquals(Main.EXIT_USAGE, unknown.status());
        assertTrue(unknown.err().startsWith("Unknown option: '--bogus-flag'\n"), unknown.err());
        try (Stream<Path> files = Files.list(tmp)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("out.wav")));
        }
    }

    @Test
    void aFailureInTheMiddleOfARunLeavesNoFile() throws IOException {
        // The first paragraph is one short segment; the second is one long segment whose KV cache needs more than the
        // budget, which the scheduler finds only once the first segment has been generated and its audio sent on.
        ZonosModel lm = ZonosModel.load(TestKits.zonos().resolve("tiny"), WeightMatrix.Storage.F32, 64L << 20,
                Kernels.preferred());
        long oneBlock = lm.kvBytesFor(1, 0, 1, 2f);
        String text = "Hello there.\n\n" + SampleText.of(240, 8);
        List<Segment> segments = TextFrontEnd.shared().segment(text, Language.of("en-us"), TextFrontEnd.DEFAULT_BUDGET);
        assertEquals(2, segments.size(), "one short and one long segment");
        int rows = TextFrontEnd.shared().prepare(segments.get(1).text(), Language.of("en-us")).tokenIds().length
                + lm.config().prefixConditioner().conditioners().size() - 1;
        long need = lm.kvBytesFor(rows, 0, 30, 2f); // tiny() caps segments at 30 frames
        Path out = tmp.resolve("out.wav");
        CliRun r = run(tiny(text, "--memory-budget", Long.toString(oneBlock), "-o", out.toString()));
        assertEquals(Main.EXIT_USAGE, r.status(), r.err());
        assertEquals(String.format(Locale.ROOT, "zonos: segment 2 needs %.1f KiB of KV cache, more than the memory budget of"
                + " %.1f KiB: raise --memory-budget to at least %dK%n", need / 1024.0, oneBlock / 1024.0, (need + 1023) / 1024),
                r.err());
        try (Stream<Path> files = Files.list(tmp)) {
            List<String> left = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("out.wav")).toList();
            assertEquals(List.of(), left, "nothing may be left behind");
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
