package dev.zonos4j.engine.voice;

import dev.zonos4j.audio.ClipMeasures;
import dev.zonos4j.util.InvalidInputException;
import dev.zonos4j.util.ZonosException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The persistent voice store: one SQLite file holding named voices and the embedding cache. Several processes
 * may share it: WAL journaling lets readers and a writer work at once, a busy timeout makes writers queue rather
 * than fail, and every change is one statement or one transaction. A file that is not our store, or is damaged,
 * is reported and left exactly as it was.
 */
public final class VoiceStore implements AutoCloseable {

    /** "Zon4" in ASCII, in SQLite's header so that we never mistake another program's database for ours. */
    static final int APPLICATION_ID = 0x5A6F6E34;
    static final int SCHEMA_VERSION = 1;
    private static final int BUSY_TIMEOUT_MS = 30_000;

    /** An embedding cache row. */
    public record CachedEmbedding(float[] embedding, ClipMeasures measures) {
    }

    private final Path file;
    private final Connection db;

    private VoiceStore(Path file, Connection db) {
        this.file = file;
        this.db = db;
    }

    /** Opens the store at {@code file}, creating the file (and its folder) when missing. */
    public static VoiceStore open(Path file) {
        Path abs = file.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            throw new InvalidInputException("voice store " + file + " is a directory; give the path of a .db file");
        }
        try {
            Files.createDirectories(abs.getParent());
        } catch (IOException e) {
            throw new ZonosException("cannot create the folder for voice store " + file + ": " + e.getMessage(), e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        Connection db = null;
        try {
            db = config.createConnection("jdbc:sqlite:" + abs);
            VoiceStore store = new VoiceStore(file, db);
            store.prepare();
            return store;
        } catch (SQLException e) {
            closeQuietly(db);
            throw failure(file, "open", e);
        } catch (RuntimeException e) {
            closeQuietly(db);
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    /** Checks the file is ours (or empty), intact and of a schema we know; creates the tables in a new file. */
    private void prepare() throws SQLException {
        try (Statement st = db.createStatement()) {
            String check = queryString(st, "PRAGMA quick_check");
            if (!"ok".equals(check)) {
                throw new ZonosException(damaged("integrity check failed: " + check));
            }
            int appId = queryInt(st, "PRAGMA application_id");
            int tables = queryInt(st, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'");
            if (appId != APPLICATION_ID && (appId != 0 || tables > 0)) {
                throw new ZonosException("voice store " + file + " is an SQLite database of another program, not a Zonos4J"
                        + " voice store; it was left untouched. Choose another store path.");
            }
            queryString(st, "PRAGMA journal_mode = WAL");
            st.execute("PRAGMA synchronous = NORMAL");
            if (appId == APPLICATION_ID) {
                checkVersion(queryInt(st, "PRAGMA user_version"));
                return;
            }
            // A new file: create the schema once, even when several processes race to do it.
            st.execute("BEGIN IMMEDIATE");
            try {
                if (queryInt(st, "PRAGMA application_id") != APPLICATION_ID) {
                    st.execute("""
                            CREATE TABLE voices (
                              name TEXT PRIMARY KEY,
                              embedding BLOB NOT NULL,
                              model_id TEXT NOT NULL,
                              source_sha256 TEXT NOT NULL,
                              audio_key TEXT NOT NULL,
                              quality_json TEXT NOT NULL,
                              created_ms INTEGER NOT NULL)""");
                    st.execute("""
                            CREATE TABLE embeddings (
                              audio_key TEXT NOT NULL,
                              model_id TEXT NOT NULL,
                              embedding BLOB NOT NULL,
                              measures_json TEXT NOT NULL,
                              created_ms INTEGER NOT NULL,
                              PRIMARY KEY (audio_key, model_id)) WITHOUT ROWID""");
                    st.execute("PRAGMA application_id = " + APPLICATION_ID);
                    st.execute("PRAGMA user_version = " + SCHEMA_VERSION);
                }
                st.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                st.execute("ROLLBACK");
                throw e;
            }
        }
    }

    private void checkVersion(int version) {
        if (version != SCHEMA_VERSION) {
            throw new ZonosException("voice store " + file + " has schema version " + version + "; this Zonos4J reads version "
                    + SCHEMA_VERSION + (version > SCHEMA_VERSION ? " (the store was written by a newer release)" : ""));
        }
    }

    /** The cached embedding of a clip under a model. */
    public synchronized Optional<CachedEmbedding> findEmbedding(String audioKey, String modelId) {
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT embedding, measures_json FROM embeddings WHERE audio_key = ? AND model_id = ?")) {
            ps.setString(1, audioKey);
            ps.setString(2, modelId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new CachedEmbedding(floats(rs.getBytes(1), "embedding of clip " + audioKey),
                        ClipMeasures.fromJson(rs.getString(2))));
            }
        } catch (SQLException e) {
            throw failure(file, "read", e);
        }
    }

    /** Caches an embedding; when another process got there first, its row stays (both came from the same samples). */
    public synchronized void putEmbedding(String audioKey, String modelId, float[] embedding, ClipMeasures measures) {
        try (PreparedStatement ps = db.prepareStatement("INSERT OR IGNORE INTO embeddings"
                + " (audio_key, model_id, embedding, measures_json, created_ms) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, audioKey);
            ps.setString(2, modelId);
            ps.setBytes(3, bytes(embedding));
            ps.setString(4, measures.toJson().toString());
            ps.setLong(5, System.currentTimeMillis());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(file, "write", e);
        }
    }

    /** Number of cached embeddings. */
    public synchronized int embeddingCount() {
        try (Statement st = db.createStatement()) {
            return queryInt(st, "SELECT count(*) FROM embeddings");
        } catch (SQLException e) {
            throw failure(file, "read", e);
        }
    }

    /**
     * Stores a named voice.
     *
     * @param qualityJson the clip's quality report, as JSON
     * @param replace     overwrite a voice of the same name; otherwise that is an error
     */
    public synchronized void putVoice(String name, float[] embedding, String modelId, String sourceSha256, String audioKey,
                                      String qualityJson, boolean replace) {
        try (PreparedStatement ps = db.prepareStatement((replace ? "INSERT OR REPLACE" : "INSERT") + " INTO voices"
                + " (name, embedding, model_id, source_sha256, audio_key, quality_json, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, name);
            ps.setBytes(2, bytes(embedding));
            ps.setString(3, modelId);
            ps.setString(4, sourceSha256);
            ps.setString(5, audioKey);
            ps.setString(6, qualityJson);
            ps.setLong(7, System.currentTimeMillis());
            ps.executeUpdate();
        } catch (SQLiteException e) {
            if (e.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY) {
                throw new InvalidInputException("a voice named '" + name + "' already exists in " + file
                        + " (remove it first, or replace it)");
            }
            throw failure(file, "write", e);
        } catch (SQLException e) {
            throw failure(file, "write", e);
        }
    }

    /** Row of a named voice: its columns as stored, measures not yet judged. */
    public record VoiceRow(String name, float[] embedding, String modelId, String sourceSha256, String audioKey,
                           ClipMeasures measures, Instant created) {
    }

    public synchronized Optional<VoiceRow> findVoice(String name) {
        List<VoiceRow> rows = selectVoices(" WHERE name = ?", name);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    /** All named voices, by name. */
    public synchronized List<VoiceRow> voices() {
        return selectVoices(" ORDER BY name", null);
    }

    /** Names of all voices, sorted. */
    public synchronized List<String> voiceNames() {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT name FROM voices ORDER BY name")) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        } catch (SQLException e) {
            throw failure(file, "read", e);
        }
    }

    /** Names of the voices made from a clip with this audio key. */
    public synchronized List<String> voicesWithAudio(String audioKey) {
        List<String> names = new ArrayList<>();
        for (VoiceRow row : selectVoices(" WHERE audio_key = ? ORDER BY name", audioKey)) {
            names.add(row.name());
        }
        return names;
    }

    /** Removes a named voice; false when there was none. */
    public synchronized boolean removeVoice(String name) {
        try (PreparedStatement ps = db.prepareStatement("DELETE FROM voices WHERE name = ?")) {
            ps.setString(1, name);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure(file, "write", e);
        }
    }

    private List<VoiceRow> selectVoices(String where, String arg) {
        try (PreparedStatement ps = db.prepareStatement("SELECT name, embedding, model_id, source_sha256, audio_key,"
                + " quality_json, created_ms FROM voices" + where)) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            List<VoiceRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    rows.add(new VoiceRow(name, floats(rs.getBytes(2), "embedding of voice '" + name + "'"), rs.getString(3),
                            rs.getString(4), rs.getString(5), ClipMeasures.fromJson(rs.getString(6)),
                            Instant.ofEpochMilli(rs.getLong(7))));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw failure(file, "read", e);
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly(db);
    }

    static byte[] bytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            b.putFloat(x);
        }
        return b.array();
    }

    private float[] floats(byte[] blob, String what) {
        if (blob == null || blob.length != 4 * SpeakerEmbedder.DIMENSION) {
            throw new ZonosException(damaged("the " + what + " is " + (blob == null ? "missing" : blob.length + " bytes")
                    + ", expected " + 4 * SpeakerEmbedder.DIMENSION));
        }
        float[] v = new float[SpeakerEmbedder.DIMENSION];
        ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }

    private String damaged(String what) {
        return damaged(file, what);
    }

    private static String damaged(Path file, String what) {
        return "voice store " + file + " is damaged (" + what + "); it was left untouched. Move it aside to start a new"
                + " store, or restore a backup.";
    }

    private static ZonosException failure(Path file, String action, SQLException e) {
        if (e instanceof SQLiteException se) {
            SQLiteErrorCode code = se.getResultCode();
            if (code == SQLiteErrorCode.SQLITE_NOTADB) {
                return new ZonosException("voice store " + file + " is not an SQLite database (or is encrypted or damaged);"
                        + " it was left untouched. Move it aside or choose another store path.", e);
            }
            if (code == SQLiteErrorCode.SQLITE_CORRUPT || code.name().startsWith("SQLITE_CORRUPT")) {
                return new ZonosException(damaged(file, code.message), e);
            }
            if (code == SQLiteErrorCode.SQLITE_BUSY || code.name().startsWith("SQLITE_BUSY")) {
                return new ZonosException("voice store " + file + " stayed locked by another process for "
                        + BUSY_TIMEOUT_MS / 1000 + " s; try again", e);
            }
            if (code == SQLiteErrorCode.SQLITE_CANTOPEN || code == SQLiteErrorCode.SQLITE_READONLY
                    || code == SQLiteErrorCode.SQLITE_PERM) {
                return new ZonosException("cannot " + action + " voice store " + file + ": " + code.message, e);
            }
        }
        return new ZonosException("cannot " + action + " voice store " + file + ": " + e.getMessage(), e);
    }

    private static int queryInt(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static String queryString(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // Closing after a failure: the first error is the one to report.
            }
        }
    }
}
