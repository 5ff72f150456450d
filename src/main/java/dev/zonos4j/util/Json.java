package dev.zonos4j.util;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The project's one JSON mapper, and reading JSON files with errors that name the file. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static JsonNode read(Path file) {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new ZonosException(file + ": file not found");
        } catch (IOException e) {
            throw new ZonosException(file + ": not valid JSON: " + e.getMessage(), e);
        }
    }
}
