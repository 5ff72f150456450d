package dev.zonos4j.engine.voice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.audio.AudioClip;
import dev.zonos4j.audio.ClipMeasures;
import dev.zonos4j.util.InvalidInputException;
import dev.zonos4j.util.ZonosException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VoiceStoreTest {

    @TempDir
    Path tmp;

    private static final ClipMeasures MEASURES = new ClipMeasures(10, 6, 0, 40, -20, -3, 16000, 1);

    private static String readString(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    private static float[] vector(int seed) {
        float[] v = new float[SpeakerEmbedder.DIMENSION];
        for (int i = 0; i < v.length; i++) {
            v[i] = seed + i * 0.001f;
        }
        return v;
    }

    @Test
    void roundTripsVoicesAndEmbeddings() {
        Path file = tmp.resolve("nested/dir/voices.db");
        try (VoiceStore store = VoiceStore.open(file)) {
            store.putEmbedding("k1", "m", vector(1), MEASURES);
            store.putEmbedding("k1", "m", vector(2), MEASURES);
            assertArrayEquals(vector(1), store.findEmbedding("k1", "m").orElseThrow().embedding(), "first write wins");
            assertTrue(store.findEmbedding("k1", "other").isEmpty());
            store.putVoice("alice", vector(3), "m", "sha", "k1", MEASURES.toJson().toString(), false);
            VoiceStore.VoiceRow row = store.findVoice("alice").orElseThrow();
            assertArrayEquals(vector(3), row.embedding());
            assertEquals(MEASURES, row.measures());
            assertEquals("sha", row.sourceSha256());
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> store.putVoice("alice", vector(4), "m", "sha", "k1", MEASURES.toJson().toString(), false));
            assertEquals("a voice named 'alice' already exists in " + file + " (remove it first, or replace it)", e.getMessage());
            store.putVoice("alice", vector(4), "m", "sha", "k1", MEASURES.toJson().toString(), true);
            assertArrayEquals(vector(4), store.findVoice("alice").orElseThrow().embedding());
        }
        try (VoiceStore store = VoiceStore.open(file)) {
            assertEquals(List.of("alice"), store.voiceNames());
            assertEquals(1, store.embeddingCount());
        }
    }

    @Test
    void twoStoresOnOneFileWriteConcurrently() throws Exception {
        Path file = tmp.resolve("shared.db");
        int perThread = 25;
        try (VoiceStore a = VoiceStore.open(file); VoiceStore b = VoiceStore.open(file)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                VoiceStore s = t % 2 == 0 ? a : b;
                int thread = t;
                jobs.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        s.putVoice("v" + thread + "_" + i, vector(i), "m", "sha", "k" + i, MEASURES.toJson().toString(), false);
                        s.putEmbedding("k" + thread + "_" + i, "m", vector(i), MEASURES);
                        s.putEmbedding("shared" + i, "m", vector(i), MEASURES);
                        s.findEmbedding("shared" + i, "m").orElseThrow();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : jobs) {
                f.get();
            }
            pool.shutdown();
            assertEquals(4 * perThread, a.voiceNames().size());
            assertEquals(4 * perThread, b.voiceNames().size());
            assertEquals(4 * perThread + perThread, b.embeddingCount());
        }
    }

    @Test
    void twoProcessesWriteOneStoreAtOnce() throws Exception {
        Path file = tmp.resolve("shared.db");
        int count = 300;
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                StoreWriterMain.class.getName(), file.toString(), "child", Integer.toString(count))
                .redirectError(tmp.resolve("child.err").toFile()).start();
        java.io.BufferedReader childOut = new java.io.BufferedReader(
                new java.io.InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String first = childOut.readLine();
        assertEquals("ready", first, () -> "the child process failed to open the store: " + readString(tmp.resolve("child.err")));
        // Both processes now write at the same time.
        StoreWriterMain.main(new String[] {file.toString(), "parent", Integer.toString(count)});
        String childOutput = first + new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.waitFor(), () -> childOutput + readString(tmp.resolve("child.err")));
        try (VoiceStore store = VoiceStore.open(file)) {
            assertEquals(2 * count, store.voiceNames().size());
            assertEquals(count, store.embeddingCount());
        }
    }

    @Test
    void concurrentRequestsForOneClipShareOneEmbedding() throws Exception {
        CountingEmbedder model = new CountingEmbedder("slow", 100);
        AudioClip clip = VoicesTest.speech(4, 9);
        try (Voices voices = Voices.open(tmp.resolve("v.db"), model, 8)) {
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Future<Voice>> results = IntStream.range(0, 6)
                    .mapToObj(i -> pool.submit(() -> voices.fromClip(clip, "clip"))).toList();
            for (Future<Voice> f : results) {
                assertArrayEquals(results.getFirst().get().embedding(), f.get().embedding());
            }
            pool.shutdown();
        }
        assertEquals(1, model.calls.get());
    }

    @Test
    void aFileThatIsNotADatabaseIsReportedAndLeftAlone() throws IOException {
        Path file = tmp.resolve("voices.db");
        byte[] junk = new byte[8192];
        for (int i = 0; i < junk.length; i++) {
            junk[i] = (byte) (i * 31 + 7);
        }
        Files.write(file, junk);
        ZonosException e = assertThrows(ZonosException.class, () -> VoiceStore.open(file));
        assertTrue(e.getMessage().startsWith("voice store " + file + " is not an SQLite database"), e.getMessage());
        assertArrayEquals(junk, Files.readAllBytes(file));
    }

    @Test
    void anotherProgramsDatabaseIsRefused() throws Exception {
        Path file = tmp.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)");
        }
        byte[] before = Files.readAllBytes(file);
        ZonosException e = assertThrows(ZonosException.class, () -> VoiceStore.open(file));
        assertTrue(e.getMessage().contains("is an SQLite database of another program"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void aDamagedStoreIsReportedAndLeftAlone() throws Exception {
        Path file = tmp.resolve("voices.db");
        try (VoiceStore store = VoiceStore.open(file)) {
            for (int i = 0; i < 200; i++) {
                store.putVoice("voice" + i, vector(i), "m", "sha", "k" + i, MEASURES.toJson().toString(), false);
            }
        }
        // Checkpointed and closed: the data is in the main file. Scribble over a b-tree page.
        long size = Files.size(file);
        assertTrue(size > 4 * 4096, "store size " + size);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] scribble = new byte[4096];
            java.util.Arrays.fill(scribble, (byte) 0x55);
            raf.seek(2 * 4096);
            raf.write(scribble);
        }
        byte[] before = Files.readAllBytes(file);
        ZonosException e = assertThrows(ZonosException.class, () -> VoiceStore.open(file));
        assertTrue(e.getMessage().contains("is damaged"), e.getMessage());
        assertTrue(e.getMessage().contains("left untouched"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void aStoreFromANewerReleaseIsRefused() throws SQLException {
        Path file = tmp.resolve("voices.db");
        VoiceStore.open(file).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("PRAGMA user_version = 7");
        }
        ZonosException e = assertThrows(ZonosException.class, () -> VoiceStore.open(file));
        assertEquals("voice store " + file + " has schema version 7; this Zonos4J reads version 1 (the store was written by a"
                + " newer release)", e.getMessage());
    }
}
