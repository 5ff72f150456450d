package dev.zonos4j.weights.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Environment variables are read as huggingface_hub reads them. */
class HubConfigTest {
    @TempDir
    Path home;

    @Test
    void defaultsFollowHuggingFaceHub() {
        HubConfig c = HubConfig.fromEnvironment(Map.of(), home);
        assertEquals(home.resolve(".cache/huggingface/hub"), c.hubCache());
        assertEquals(URI.create("https://huggingface.co"), c.endpoint());
        assertEquals("", c.token());
        assertFalse(c.offline());
        assertTrue(c.progress());
    }

    @Test
    void cacheLocationVariablesTakeTheirOrder() {
        assertEquals(home.resolve("xdg/huggingface/hub"),
                HubConfig.fromEnvironment(Map.of("XDG_CACHE_HOME", home.resolve("xdg").toString()), home).hubCache());
        assertEquals(Path.of("/data/hf/hub"), HubConfig.fromEnvironment(
                Map.of("XDG_CACHE_HOME", "/x", "HF_HOME", "/data/hf"), home).hubCache());
        assertEquals(Path.of("/fast/hub"), HubConfig.fromEnvironment(
                Map.of("HF_HOME", "/data/hf", "HF_HUB_CACHE", "/fast/hub"), home).hubCache());
        assertEquals(Path.of("/legacy"), HubConfig.fromEnvironment(
                Map.of("HF_HOME", "/data/hf", "HUGGINGFACE_HUB_CACHE", "/legacy"), home).hubCache());
        assertEquals(home.resolve("hfhome/hub"),
                HubConfig.fromEnvironment(Map.of("HF_HOME", "~/hfhome"), home).hubCache());
    }

    @Test
    void endpointOfflineAndProgressFlags() {
        HubConfig c = HubConfig.fromEnvironment(Map.of("HF_ENDPOINT", "http://127.0.0.1:9/mirror/",
                "HF_HUB_OFFLINE", "yes", "HF_HUB_DISABLE_PROGRESS_BARS", "1"), home);
        assertEquals(URI.create("http://127.0.0.1:9/mirror"), c.endpoint());
        assertTrue(c.offline());
        assertFalse(c.progress());
        assertFalse(HubConfig.fromEnvironment(Map.of("HF_HUB_OFFLINE", "0"), home).offline());
        assertTrue(HubConfig.fromEnvironment(Map.of("TRANSFORMERS_OFFLINE", "1"), home).offline());
        assertThrows(HubException.class, () -> HubConfig.fromEnvironment(Map.of("HF_ENDPOINT", "ftp://x"), home));
    }

    @Test
    void tokenFromVariableOrTokenFile() throws IOException {
        Files.createDirectories(home.resolve(".cache/huggingface"));
        Files.writeString(home.resolve(".cache/huggingface/token"), "hf_fromfile\n");
        assertEquals("hf_fromfile", HubConfig.fromEnvironment(Map.of(), home).token());
        assertEquals("hf_env", HubConfig.fromEnvironment(Map.of("HF_TOKEN", "hf_env"), home).token());
        Files.writeString(home.resolve("other"), "hf_other");
        assertEquals("hf_other", HubConfig.fromEnvironment(
                Map.of("HF_TOKEN_PATH", home.resolve("other").toString()), home).token());
        assertFalse(HubConfig.fromEnvironment(Map.of("HF_TOKEN", "hf_env"), home).toString().contains("hf_env"));
    }

    @Test
    void repoRefsParseAndValidate() {
        RepoRef r = RepoRef.parse("Zyphra/Zonos-v0.1-transformer");
        assertEquals("main", r.revision());
        assertEquals("models--Zyphra--Zonos-v0.1-transformer", r.folderName());
        RepoRef pinned = RepoRef.parse("descript/dac_44khz@0123456789abcdef0123456789abcdef01234567");
        assertTrue(pinned.revisionIsCommit());
        assertEquals("v1.0", RepoRef.parse("a/b@v1.0").revision());
        for (String bad : new String[] {"a/b/c", "a--b/c", "a/../b", "/abs/path", "a/b@", "", "a/b@x..y", "-a/b"}) {
            assertFalse(RepoRef.looksLikeRepoId(bad), bad);
        }
    }

    @Test
    void blobHashesMatchGitAndSha256() {
        byte[] hello = "hello\n".getBytes();
        // `echo hello | git hash-object --stdin` and `sha256sum`.
        BlobHash git = BlobHash.forEtag("ce013625030ba8dba906f756967f9e9ca394464a", hello.length);
        git.update(hello, 0, hello.length);
        assertEquals(null, git.mismatch());
        BlobHash sha = BlobHash.forEtag("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03", 6);
        sha.update(hello, 0, 3);
        sha.update(hello, 3, 3);
        assertEquals(null, sha.mismatch());
        BlobHash wrong = BlobHash.forEtag("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03", 6);
        wrong.update(hello, 0, 5);
        assertTrue(wrong.mismatch().startsWith("sha256 expected 5891"), wrong.mismatch());
        assertEquals("size only", BlobHash.forEtag("xet-abc", 6).kind());
    }
}
