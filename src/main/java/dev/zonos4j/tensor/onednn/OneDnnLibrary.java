package dev.zonos4j.tensor.onednn;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * Finds and loads oneDNN's shared libraries. They ship inside Maven artifacts on the class path
 * ({@code org.bytedeco:dnnl:3.8.1-1.5.12:linux-x86_64}, plus the OpenCL ICD loader from
 * {@code org.bytedeco:opencl} that this build of libdnnl links against although we only use its CPU engine);
 * they are copied once into a versioned folder of the user's cache and loaded from there with the FFM API.
 * {@code ZONOS_ONEDNN_DIR} names a folder holding {@code libdnnl.so.3} (and its libgomp) to use instead.
 */
record OneDnnLibrary(SymbolLookup gomp, SymbolLookup dnnl, String origin) {
    private static final String VERSION = "3.8.1-1.5.12";
    private static final String PLATFORM = "linux-x86_64";

    static OneDnnLibrary load() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new OneDnnException("the bundled oneDNN is built for " + PLATFORM + " only; this is " + os + "/" + arch);
        }
        String override = System.getenv("ZONOS_ONEDNN_DIR");
        Path dir = override != null && !override.isBlank() ? Path.of(override) : extract();
        // libgomp's default wait policy is kept on purpose: its workers spin ~0.3 ms after a region before they
        // sleep, which measured 15-20% faster per decode step than a short spin (the next matmul follows within
        // microseconds) while still freeing the cores between steps; OMP_WAIT_POLICY / GOMP_SPINCOUNT override it.
        Arena arena = Arena.global();
        SymbolLookup gomp = lookup(dir.resolve("libgomp.so.1"), arena);
        Path opencl = dir.resolve("libOpenCL.so.1");
        if (Files.isRegularFile(opencl)) {
            lookup(opencl, arena);
        }
        SymbolLookup dnnl = lookup(dir.resolve("libdnnl.so.3"), arena);
        return new OneDnnLibrary(gomp, dnnl, override != null && !override.isBlank() ? dir.toString() : "org.bytedeco:dnnl:" + VERSION);
    }

    private static SymbolLookup lookup(Path file, Arena arena) {
        if (!Files.isRegularFile(file)) {
            throw new OneDnnException("oneDNN library file " + file + " is missing");
        }
        try {
            return SymbolLookup.libraryLookup(file, arena);
        } catch (IllegalArgumentException e) {
            throw new OneDnnException("cannot load " + file + ": " + e.getMessage(), e);
        }
    }

    /** Copies the three libraries from the class path into the cache folder, once per version. */
    private static Path extract() {
        Path dir = cacheRoot().resolve("zonos4j").resolve("native").resolve("dnnl-" + VERSION + "-" + PLATFORM);
        List<String[]> files = List.of(
                new String[] {"/org/bytedeco/dnnl/" + PLATFORM + "/libgomp.so.1", "libgomp.so.1"},
                new String[] {"/org/bytedeco/opencl/" + PLATFORM + "/libOpenCL.so.1", "libOpenCL.so.1"},
                new String[] {"/org/bytedeco/dnnl/" + PLATFORM + "/libdnnl.so.3", "libdnnl.so.3"});
        try {
            Files.createDirectories(dir);
            for (String[] f : files) {
                Path target = dir.resolve(f[1]);
                try (InputStream in = OneDnnLibrary.class.getResourceAsStream(f[0])) {
                    if (in == null) {
                        throw new OneDnnException("oneDNN's native library " + f[0] + " is not on the class path "
                                + "(the jar was built without org.bytedeco:dnnl:" + VERSION + ":" + PLATFORM + ")");
                    }
                    if (Files.isRegularFile(target) && Files.size(target) == sizeOf(f[0])) {
                        continue;
                    }
                    // another process may be extracting too: write aside, then move into place atomically
                    Path tmp = Files.createTempFile(dir, f[1], ".part");
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } catch (IOException e) {
            throw new OneDnnException("cannot copy oneDNN's native libraries into " + dir + ": " + e.getMessage()
                    + " (set XDG_CACHE_HOME to a writable folder)", e);
        }
        return dir;
    }

    private static long sizeOf(String resource) throws IOException {
        var url = OneDnnLibrary.class.getResource(resource);
        var conn = url.openConnection();
        conn.setUseCaches(false);
        return conn.getContentLengthLong();
    }

    private static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg);
        }
        return Path.of(System.getProperty("user.home"), ".cache");
    }
}
