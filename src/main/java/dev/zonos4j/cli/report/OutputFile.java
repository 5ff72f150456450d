package dev.zonos4j.cli.report;

import dev.zonos4j.util.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A picture or page written whole or not at all: aside as {@code NAME.partial}, then moved into place. */
public final class OutputFile {
    private OutputFile() {
    }

    /** Fails before any work when {@code file} cannot be written where asked. */
    public static void checkFolder(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new InvalidInputException("cannot write " + file + ": folder " + parent + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new InvalidInputException("cannot write " + file + ": it is a folder");
        }
    }

    public static void write(Path file, byte[] bytes) {
        Path tmp = file.resolveSibling(file.getFileName() + ".partial");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the write already failed; that error is the one to report
            }
            throw new InvalidInputException("cannot write " + file + ": " + e);
        }
    }
}
