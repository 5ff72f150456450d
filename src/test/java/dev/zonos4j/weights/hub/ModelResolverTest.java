package dev.zonos4j.weights.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.TestKits;
import dev.zonos4j.util.InvalidInputException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resolver against a fake hub on 127.0.0.1: never the real network. */
class ModelResolverTest {
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    private static final String COMMIT2 = "fedcba9876543210fedcba9876543210fedcba98";
    private static final String DAC = "descript/dac_44khz";

    @TempDir
    Path tmp;
    FakeHub hub;
    byte[] dacConfig;
    byte[] dacModel;

    @BeforeEach
    void start() throws IOException {
        hub = new FakeHub();
        dacConfig = Files.readAllBytes(TestKits.dac().resolve("tiny/config.json"));
        dacModel = Files.readAllBytes(TestKits.dac().resolve("tiny/model.safetensors"));
        hub.repo(DAC, COMMIT).file("config.json", dacConfig, false).file("model.safetensors", dacModel, true);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private HubConfig config() {
        return HubConfig.of(hub.endpoint(), tmp.resolve("hub")).withProgress(false)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    private Path repoDir() {
        return tmp.resolve("hub/models--descript--dac_44khz");
    }

    @Test
    void downloadsIntoTheHuggingFaceCacheLayout() throws IOException {
        Path dir = new ModelResolver(config().withToken("hf_secret")).resolve(DAC, ModelFiles.DAC_44KHZ);

        assertEquals(repoDir().resolve("snapshots").resolve(COMMIT), dir);
        assertEquals(COMMIT, Files.readString(repoDir().resolve("refs/main")));
        String sha = FakeHub.sha256(dacModel);
        String gitSha = FakeHub.gitSha1(dacConfig);
        assertEquals(Path.of("../../blobs/" + sha), Files.readSymbolicLink(dir.resolve("model.safetensors")));
        assertEquals(Path.of("../../blobs/" + gitSha), Files.readSymbolicLink(dir.resolve("config.json")));
        assertArrayEquals(dacModel, Files.readAllBytes(dir.resolve("model.safetensors")));
        assertArrayEquals(dacConfig, Files.readAllBytes(dir.resolve("config.json")));
        try (Stream<Path> blobs = Files.list(repoDir().resolve("blobs"))) {
            assertEquals(List.of(gitSha, sha), blobs.map(p -> p.getFileName().toString()).sorted().toList());
        }
        // The token goes to the hub, never to the CDN (which refuses requests that carry one).
        assertTrue(hub.requests("hub", "HEAD").stream().allMatch(r -> "Bearer hf_secret".equals(r.authorization())));
        assertEquals(1, hub.requests("cdn", "GET").size());
        assertNull(hub.requests("cdn", "GET").getFirst().authorization());
        // All files are asked for at the commit the first answer named.
        assertTrue(hub.requests("hub", "HEAD").get(1).path().contains("/resolve/" + COMMIT + "/"));
    }

    @Test
    void secondRunOnlyChecksMetadata() {
        ModelResolver r = new ModelResolver(config());
        Path first = r.resolve(DAC, ModelFiles.DAC_44KHZ);
        hub.requests.clear();
        assertEquals(first, r.resolve(DAC, ModelFiles.DAC_44KHZ));
        assertEquals(0, hub.requests("hub", "GET").size() + hub.requests("cdn", "GET").size());
        assertEquals(2, hub.requests("hub", "HEAD").size());
    }

    @Test
    void reusesACacheWrittenByPython() throws IOException {
        // What huggingface_hub leaves behind: blobs named by ETag, relative links, refs/main.
        Path blobs = Files.createDirectories(repoDir().resolve("blobs"));
        Files.write(blobs.resolve(FakeHub.sha256(dacModel)), dacModel);
        Files.write(blobs.resolve(FakeHub.gitSha1(dacConfig)), dacConfig);
        Path snap = Files.createDirectories(repoDir().resolve("snapshots").resolve(COMMIT));
        Files.createSymbolicLink(snap.resolve("model.safetensors"), Path.of("../../blobs/" + FakeHub.sha256(dacModel)));
        Files.createSymbolicLink(snap.resolve("config.json"), Path.of("../../blobs/" + FakeHub.gitSha1(dacConfig)));
        Files.createDirectories(repoDir().resolve("refs"));
        Files.writeString(repoDir().resolve("refs/main"), COMMIT);

        assertEquals(snap, new ModelResolver(config()).resolve(DAC, ModelFiles.DAC_44KHZ));
        assertEquals(0, hub.requests("cdn", "GET").size() + hub.requests("hub", "GET").size());
        assertEquals(snap, new ModelResolver(config().withOffline(true)).resolve(DAC, ModelFiles.DAC_44KHZ));

        // The branch moved and only the config changed: the weights blob is linked again, not downloaded.
        byte[] newConfig = (new String(dacConfig) + "\n").getBytes();
        hub.repo(DAC, COMMIT2).file("config.json", newConfig, false).file("model.safetensors", dacModel, true);
        hub.requests.clear();
        Path moved = new ModelResolver(config()).resolve(DAC, ModelFiles.DAC_44KHZ);
        assertEquals(repoDir().resolve("snapshots").resolve(COMMIT2), moved);
        assertEquals(COMMIT2, Files.readString(repoDir().resolve("refs/main")));
        assertEquals(0, hub.requests("cdn", "GET").size());
        assertEquals(1, hub.requests("hub", "GET").size());
        assertArrayEquals(newConfig, Files.readAllBytes(moved.resolve("config.json")));
        assertArrayEquals(dacModel, Files.readAllBytes(moved.resolve("model.safetensors")));
    }

    @Test
    void aSnapshotCopiedInWithoutRefsIsFoundOffline() throws IOException {
        Path snap = Files.createDirectories(repoDir().resolve("snapshots").resolve(COMMIT2));
        Files.write(snap.resolve("config.json"), dacConfig);
        Files.write(snap.resolve("model.safetensors"), dacModel);
        assertEquals(snap, new ModelResolver(config().withOffline(true)).resolve(DAC, ModelFiles.DAC_44KHZ));
        assertEquals(List.of(), hub.requests);
    }

    @Test
    void offlineUsesTheCacheAndMakesNoRequest() {
        Path dir = new ModelResolver(config()).resolve(DAC, ModelFiles.DAC_44KHZ);
        hub.requests.clear();
        assertEquals(dir, new ModelResolver(config().withOffline(true)).resolve(DAC, ModelFiles.DAC_44KHZ));
        assertEquals(List.of(), hub.requests);
    }

    @Test
    void offlineWithoutCacheSaysWhatIsMissingAndHowToProvideIt() {
        HubException e = assertThrows(HubException.class,
                () -> new ModelResolver(config().withOffline(true)).resolve(null, ModelFiles.DAC_44KHZ));
        String m = e.getMessage();
        for (String expected : List.of(DAC, "--codec", "HF_HUB_OFFLINE", "config.json, model.safetensors",
                repoDir().toString(), "local directory", "HF_ENDPOINT", "HF_HOME", "huggingface-cli download")) {
            assertTrue(m.contains(expected), () -> "message lacks '" + expected + "':\n" + m);
        }
        assertEquals(List.of(), hub.requests);
    }

    @Test
    void unreachableHubFallsBackToTheCacheOrExplains() throws IOException {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        HubConfig dead = HubConfig.of(URI.create("http://127.0.0.1:" + deadPort), tmp.resolve("hub"))
                .withProgress(false);
        HubException e = assertThrows(HubException.class,
                () -> new ModelResolver(dead).resolve(DAC, ModelFiles.DAC_44KHZ));
        assertTrue(e.getMessage().contains("could not be reached"), e.getMessage());
        assertTrue(e.getMessage().contains("lacks config.json, model.safetensors"), e.getMessage());

        Path dir = new ModelResolver(config()).resolve(DAC, ModelFiles.DAC_44KHZ);
        assertEquals(dir, new ModelResolver(dead).resolve(DAC, ModelFiles.DAC_44KHZ));
    }

    @Test
    void interruptedDownloadResumesWithARangeRequest() throws IOException {
        String sha = FakeHub.sha256(dacModel);
        hub.cutAfter.put(sha, 300_000);
        hub.cutsLeft.set(1);
        Path dir = new ModelResolver(config()).resolve(DAC, ModelFiles.DAC_44KHZ);

        assertArrayEquals(dacModel, Files.readAllBytes(dir.resolve("model.safetensors")));
        List<FakeHub.Request> gets = hub.requests("cdn", "GET");
        assertEquals(2, gets.size());
        assertNull(gets.get(0).range());
        // Resumed where the received bytes end (at most the 300,000 sent; some may die with the connection).
        long resumedAt = Long.parseLong(gets.get(1).range().replaceAll("bytes=(\\d+)-", "$1"));
        assertTrue(resumedAt > 0 && resumedAt <= 300_000, gets.get(1).range());
        assertFalse(Files.exists(repoDir().resolve("blobs/" + sha + ".incomplete")));
    }

    @Test
    void partialFileFromAnEarlierRunIsResumed() throws IOException {
        String sha = FakeHub.sha256(dacModel);
        Path part = Files.createDirectories(repoDir().resolve("blobs")).resolve(sha + ".incomplete");
        Files.write(part, java.util.Arrays.copyOf(dacModel, 123_456));
        Path dir = new ModelResolver(config()).resolve(DAC, ModelFiles.DAC_44KHZ);

        assertArrayEquals(dacModel, Files.readAllBytes(dir.resolve("model.safetensors")));
        assertEquals(List.of("bytes=123456-"), hub.requests("cdn", "GET").stream().map(FakeHub.Request::range).toList());
        assertFalse(Files.exists(part));
    }

    @Test
    void serverIgnoringRangeRestartsFromZero() throws IOException {
        String sha = FakeHub.sha256(dacModel);
        Files.write(Files.createDirectories(repoDir().resolve("blobs")).resolve(sha + ".incomplete"),
                java.util.Arrays.copyOf(dacModel, 5000));
        hub.ignoreRange = true;
        Path dir = new ModelResolver(config()).resolve(DAC, ModelFiles.DAC_44KHZ);
        assertArrayEquals(dacModel, Files.readAllBytes(dir.resolve("model.safetensors")));
    }

    @Test
    void downloadThatKeepsFailingKeepsItsPartForTheNextRun() throws IOException {
        String sha = FakeHub.sha256(dacModel);
        hub.cutAfter.put(sha, 100_000);
        hub.cutsLeft.set(100);
        HubConfig oneRetry = new HubConfig(hub.endpoint(), tmp.resolve("hub"), "", false, false,
                Duration.ofSeconds(5), Duration.ofSeconds(5), 1);
        HubException e = assertThrows(HubException.class,
                () -> new ModelResolver(oneRetry).resolve(DAC, ModelFiles.DAC_44KHZ));
        assertTrue(e.getMessage().contains("next run resumes"), e.getMessage());
        Path part = repoDir().resolve("blobs/" + sha + ".incomplete");
        long kept = Files.size(part);
        assertTrue(kept > 0 && kept <= 200_000, "two cuts of at most 100,000 bytes each, kept " + kept);
        assertFalse(Files.exists(repoDir().resolve("blobs/" + sha)));

        hub.cutsLeft.set(0);
        hub.requests.clear();
        Path dir = new ModelResolver(oneRetry).resolve(DAC, ModelFiles.DAC_44KHZ);
        assertArrayEquals(dacModel, Files.readAllBytes(dir.resolve("model.safetensors")));
        assertEquals("bytes=" + kept + "-", hub.requests("cdn", "GET").getFirst().range());
    }

    @Test
    void stalledTransferIsAbandonedAndResumed() throws IOException {
        hub.stallKey = FakeHub.sha256(dacModel);
        hub.stallsLeft.set(1);
        hub.stallMillis = 3000;
        HubConfig impatient = config().withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300));
        Path dir = new ModelResolver(impatient).resolve(DAC, ModelFiles.DAC_44KHZ);
        assertArrayEquals(dacModel, Files.readAllBytes(dir.resolve("model.safetensors")));
        List<FakeHub.Request> gets = hub.requests("cdn", "GET");
        assertEquals(2, gets.size());
        assertTrue(gets.get(1).range() != null && gets.get(1).range().startsWith("bytes="), gets.toString());
    }

    @Test
    void hashMismatchIsRejectedAndLeavesNothingBehind() throws IOException {
        hub.corrupt.add(FakeHub.sha256(dacModel));
        HubException e = assertThrows(HubException.class,
                () -> new ModelResolver(config()).resolve(DAC, ModelFiles.DAC_44KHZ));
        assertTrue(e.getMessage().contains("sha256 expected " + FakeHub.sha256(dacModel)), e.getMessage());
        try (Stream<Path> blobs = Files.list(repoDir().resolve("blobs"))) {
            // The config (fetched first, intact) is there; nothing of the damaged weights is.
            assertEquals(List.of(FakeHub.gitSha1(dacConfig)), blobs.map(p -> p.getFileName().toString()).toList());
        }
        assertFalse(Files.exists(repoDir().resolve("snapshots").resolve(COMMIT).resolve("model.safetensors")));
        assertFalse(Files.exists(repoDir().resolve("refs/main")));
    }

    @Test
    void smallFilesAreCheckedAgainstTheirGitBlobId() {
        hub.corrupt.add(FakeHub.gitSha1(dacConfig));
        HubException e = assertThrows(HubException.class,
                () -> new ModelResolver(config()).resolve(DAC, ModelFiles.DAC_44KHZ));
        assertTrue(e.getMessage().contains("git sha1 expected " + FakeHub.gitSha1(dacConfig)), e.getMessage());
        assertFalse(Files.exists(repoDir().resolve("blobs").resolve(FakeHub.gitSha1(dacConfig))));
    }

    @Test
    void gatedRepoNeedsAToken() throws IOException {
        hub.repo(DAC, COMMIT).requiredToken = "hf_good";
        hub.repo(DAC, COMMIT).file("config.json", dacConfig, false).file("model.safetensors", dacModel, true)
                .requiredToken = "hf_good";
        HubException none = assertThrows(HubException.class,
                () -> new ModelResolver(config()).resolve(DAC, ModelFiles.DAC_44KHZ));
        assertTrue(none.getMessage().contains("401"), none.getMessage());
        assertTrue(none.getMessage().contains("set HF_TOKEN"), none.getMessage());
        HubException wrong = assertThrows(HubException.class,
                () -> new ModelResolver(config().withToken("hf_bad")).resolve(DAC, ModelFiles.DAC_44KHZ));
        assertTrue(wrong.getMessage().contains("the token in HF_TOKEN has no access"), wrong.getMessage());

        Path dir = new ModelResolver(config().withToken("hf_good")).resolve(DAC, ModelFiles.DAC_44KHZ);
        assertArrayEquals(dacModel, Files.readAllBytes(dir.resolve("model.safetensors")));
    }

    @Test
    void missingFileIsA404ThatNamesIt() {
        ModelFiles wanted = ModelFiles.DAC_44KHZ.withFiles(List.of("config.json", "missing.bin"));
        HubException e = assertThrows(HubException.class, () -> new ModelResolver(config()).resolve(DAC, wanted));
        assertTrue(e.getMessage().contains("missing.bin"), e.getMessage());
        assertTrue(e.getMessage().contains("404"), e.getMessage());
        assertTrue(e.getMessage().contains("--codec"), e.getMessage());
    }

    @Test
    void unknownRevisionIsReported() {
        HubException e = assertThrows(HubException.class,
                () -> new ModelResolver(config()).resolve(DAC + "@v9", ModelFiles.DAC_44KHZ));
        assertTrue(e.getMessage().contains("RevisionNotFound"), e.getMessage());
    }

    @Test
    void pinnedCommitInTheCacheNeedsNoNetwork() {
        new ModelResolver(config()).resolve(DAC, ModelFiles.DAC_44KHZ);
        hub.requests.clear();
        Path dir = new ModelResolver(config()).resolve(DAC + "@" + COMMIT, ModelFiles.DAC_44KHZ);
        assertEquals(repoDir().resolve("snapshots").resolve(COMMIT), dir);
        assertEquals(List.of(), hub.requests);
    }

    @Test
    void renamedRepoIsFollowedOnTheHubOnly() throws IOException {
        hub.rename("descript/old_dac", DAC);
        Path dir = new ModelResolver(config()).resolve("descript/old_dac", ModelFiles.DAC_44KHZ);
        assertEquals(tmp.resolve("hub/models--descript--old_dac/snapshots").resolve(COMMIT), dir);
        assertArrayEquals(dacConfig, Files.readAllBytes(dir.resolve("config.json")));
    }

    @Test
    void localDirectoriesAreUsedAsTheyAre() throws IOException {
        Path kit = TestKits.dac().resolve("tiny");
        assertEquals(kit, new ModelResolver(config()).resolve(kit.toString(), ModelFiles.DAC_44KHZ));
        InvalidInputException lacks = assertThrows(InvalidInputException.class,
                () -> new ModelResolver(config()).resolve(kit.toString(), ModelFiles.SPEAKER_EMBEDDING));
        assertTrue(lacks.getMessage().contains("lacks ResNet293_SimAM_ASP_base.pt"), lacks.getMessage());
        InvalidInputException file = assertThrows(InvalidInputException.class, () -> new ModelResolver(config())
                .resolve(kit.resolve("config.json").toString(), ModelFiles.DAC_44KHZ));
        assertTrue(file.getMessage().contains("is a file"), file.getMessage());
        InvalidInputException nowhere = assertThrows(InvalidInputException.class,
                () -> new ModelResolver(config()).resolve(tmp.resolve("nope/x/y").toString(), ModelFiles.DAC_44KHZ));
        assertTrue(nowhere.getMessage().contains("no such directory"), nowhere.getMessage());
        assertEquals(List.of(), hub.requests);
    }

    @Test
    void progressIsDrawnWhenAskedAndNeverWhenDisabled() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream ps = new java.io.PrintStream(bytes, true);
        new ModelResolver(config().withProgress(true), DownloadProgress.bars(ps)).resolve(DAC, ModelFiles.DAC_44KHZ);
        String drawn = bytes.toString();
        assertTrue(drawn.contains("dac_44khz/model.safetensors") && drawn.contains("MiB"), drawn);

        java.io.ByteArrayOutputStream none = new java.io.ByteArrayOutputStream();
        HubConfig quiet = HubConfig.of(hub.endpoint(), tmp.resolve("other")).withProgress(false);
        new ModelResolver(quiet, DownloadProgress.bars(new java.io.PrintStream(none, true)))
                .resolve(DAC, ModelFiles.DAC_44KHZ);
        assertEquals("", none.toString());
    }

    @Test
    void tinyZonosModelComesThroughWhole() throws IOException {
        byte[] config = Files.readAllBytes(TestKits.zonos().resolve("tiny/config.json"));
        byte[] model = Files.readAllBytes(TestKits.zonos().resolve("tiny/model.safetensors"));
        hub.repo("Zyphra/Zonos-v0.1-transformer", COMMIT).file("config.json", config, false)
                .file("model.safetensors", model, true);
        Path dir = new ModelResolver(config()).resolve(null, ModelFiles.ZONOS_TRANSFORMER);
        assertArrayEquals(model, Files.readAllBytes(dir.resolve("model.safetensors")));
        assertArrayEquals(config, Files.readAllBytes(dir.resolve("config.json")));
    }
}
