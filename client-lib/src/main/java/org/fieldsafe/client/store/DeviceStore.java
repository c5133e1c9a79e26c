package org.fieldsafe.client.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.ClientException.Reason;
import org.fieldsafe.client.keys.StoredKey;

/**
 * The device's local store: one SQLite file, {@code <home>/device.db}, readable only by its owner.
 * The schema is created and migrated when the store opens; its version is SQLite's {@code user_version}.
 * Write-ahead log with {@code synchronous=FULL}, so a committed pull survives a power cut.
 */
public final class DeviceStore implements AutoCloseable {
    /** The database file inside the home folder. */
    public static final String DATABASE_FILE = "device.db";

    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final TypeReference<LinkedHashMap<String, String>> LANGUAGES = new TypeReference<>() {
    };
    /** The forms' languages column: a small JSON object of language code to translation state. */
    private static final ObjectMapper LANGUAGES_JSON = new ObjectMapper();

    private final Path home;
    private final Path database;
    private final Connection connection;

    private DeviceStore(Path home, Path database, Connection connection) {
        this.home = home;
        this.database = database;
        this.connection = connection;
    }

    /** Opens the store under {@code home}, creating the folder (0700) and the database (0600) if needed. */
    public static DeviceStore open(Path home) throws ClientException {
        Path dir = home.toAbsolutePath().normalize();
        Path db = dir.resolve(DATABASE_FILE);
        try {
            createPrivateDirectory(dir);
            createPrivateFile(db);
        } catch (IOException e) {
            throw new ClientException(Reason.STORE, "cannot create the device store at " + db + ": " + describe(e), e);
        }
        return connect(dir, db);
    }

    /** Opens an existing store; a home without one is {@link Reason#NOT_ENROLLED}. Creates nothing. */
    public static DeviceStore openExisting(Path home) throws ClientException {
        Path dir = home.toAbsolutePath().normalize();
        Path db = dir.resolve(DATABASE_FILE);
        if (!Files.isRegularFile(db)) {
            throw new ClientException(Reason.NOT_ENROLLED, "no enrolled device at " + dir
                    + "; enrol it first: fieldsafe client enrol --server URL --code CODE --home " + dir);
        }
        return connect(dir, db);
    }

    private static DeviceStore connect(Path dir, Path db) throws ClientException {
        Connection c = null;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + db);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 10000");
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = FULL");
                s.execute("PRAGMA foreign_keys = ON");
            }
            Schema.migrate(c, db);
            return new DeviceStore(dir, db, c);
        } catch (SQLException e) {
            closeQuietly(c);
            throw new ClientException(Reason.STORE, "cannot open the device store " + db + ": " + e.getMessage(), e);
        } catch (ClientException e) {
            closeQuietly(c);
            throw e;
        }
    }

    public Path home() {
        return home;
    }

    public Path databaseFile() {
        return database;
    }

    /** The schema version of this store (SQLite {@code user_version}). */
    public synchronized int schemaVersion() throws ClientException {
        try {
            return Schema.version(connection);
        } catch (SQLException e) {
            throw storeError("read", e);
        }
    }

    /** The value of a SQLite pragma on this store's connection (journal_mode, synchronous, ...). */
    synchronized String pragma(String name) throws ClientException {
        if (!name.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a pragma name: " + name);
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw storeError("read", e);
        }
    }

    public synchronized Optional<DeviceRecord> device() throws ClientException {
        String sql = "SELECT server_url, device_id, device_token, study, site, enumerator, device_name, enrolled_at"
                + " FROM device WHERE id = 1";
        try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new DeviceRecord(URI.create(rs.getString(1)), rs.getString(2), rs.getString(3),
                    rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                    Instant.parse(rs.getString(8))));
        } catch (SQLException e) {
            throw storeError("read", e);
        }
    }

    /**
     * Binds this home to a (new) enrolment in one transaction. The stored manifest and the pinned study keys
     * are dropped (a new enrolment is a new decision to trust the server), so the next pull starts afresh;
     * with {@code dropContent} the study and forms go too (another server or study).
     */
    public synchronized void saveEnrolment(DeviceRecord device, boolean dropContent) throws ClientException {
        saveEnrolment(device, dropContent, List.of(), null);
    }

    /**
     * Stores an enrolment with the study keys it pins and the study's respondent-code key (base64; null while
     * the study has no keys), replacing any earlier enrolment and its pinned keys, in one transaction.
     */
    public synchronized void saveEnrolment(DeviceRecord device, boolean dropContent, List<StoredKey> keys,
                                           String respondentCodeKey) throws ClientException {
        inTransaction(() -> {
            try (Statement s = connection.createStatement()) {
                s.executeUpdate("DELETE FROM device");
                s.executeUpdate("DELETE FROM manifest");
                s.executeUpdate("DELETE FROM study_keys");
                if (dropContent) {
                    s.executeUpdate("DELETE FROM study");
                    s.executeUpdate("DELETE FROM forms");
                }
            }
            String sql = "INSERT INTO device (id, server_url, device_id, device_token, study, site, enumerator,"
                    + " device_name, enrolled_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)";
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setString(1, device.server().toString());
                ps.setString(2, device.deviceId());
                ps.setString(3, device.deviceToken());
                ps.setString(4, device.study());
                ps.setString(5, device.site());
                ps.setString(6, device.enumerator());
                ps.setString(7, device.deviceName());
                ps.setString(8, device.enrolledAt().toString());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = connection.prepareStatement(
                    "UPDATE device SET respondent_code_key = ? WHERE id = 1")) {
                ps.setString(1, respondentCodeKey);
                ps.executeUpdate();
            }
            insertKeys(keys);
        });
    }

    private void insertKeys(List<StoredKey> keys) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO study_keys"
                + " (fingerprint, purpose, algorithm, public_key, pinned_at) VALUES (?, ?, ?, ?, ?)")) {
            for (StoredKey key : keys) {
                ps.setString(1, key.fingerprint());
                ps.setString(2, key.purpose());
                ps.setString(3, key.algorithm());
                ps.setString(4, key.publicKey());
                ps.setString(5, key.pinnedAt().toString());
                ps.executeUpdate();
            }
        }
    }

    public synchronized Optional<StoredManifest> manifest() throws ClientException {
        String sql = "SELECT etag, body, pulled_at, checked_at FROM manifest WHERE id = 1";
        try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new StoredManifest(rs.getString(1), rs.getBytes(2), Instant.parse(rs.getString(3)),
                    Instant.parse(rs.getString(4))));
        } catch (SQLException e) {
            throw storeError("read", e);
        }
    }

    /** Records that the server confirmed the stored manifest is current (a 304). */
    public synchronized void markManifestChecked(Instant at) throws ClientException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE manifest SET checked_at = ? WHERE id = 1")) {
            ps.setString(1, at.toString());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw storeError("write", e);
        }
    }

    public synchronized Optional<StoredStudy> study() throws ClientException {
        String sql = "SELECT study_id, sha256, canonical_json, pulled_at FROM study WHERE id = 1";
        try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new StoredStudy(rs.getString(1), rs.getString(2), rs.getBytes(3),
                    Instant.parse(rs.getString(4))));
        } catch (SQLException e) {
            throw storeError("read", e);
        }
    }

    /** The pinned study public keys, by purpose then fingerprint. */
    public synchronized List<StoredKey> studyKeys() throws ClientException {
        String sql = "SELECT purpose, algorithm, public_key, fingerprint, pinned_at FROM study_keys"
                + " ORDER BY purpose, fingerprint";
        List<StoredKey> keys = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                keys.add(new StoredKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Instant.parse(rs.getString(5))));
            }
            return keys;
        } catch (SQLException e) {
            throw storeError("read", e);
        }
    }

    /** Every stored form version (current and superseded), by form id then version. */
    public synchronized List<StoredForm> forms() throws ClientException {
        String sql = "SELECT form_id, version, kind, sha256, languages_json, canonical_json, pulled_at FROM forms"
                + " ORDER BY form_id, version";
        List<StoredForm> forms = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                forms.add(new StoredForm(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        readLanguages(rs.getString(5)), rs.getBytes(6), Instant.parse(rs.getString(7))));
            }
            return forms;
        } catch (SQLException e) {
            throw storeError("read", e);
        }
    }

    /** The SHA-256 of a stored form version, if that version is stored. */
    public synchronized Optional<String> formSha256(String formId, int version) throws ClientException {
        String sql = "SELECT sha256 FROM forms WHERE form_id = ? AND version = ?";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, formId);
            ps.setInt(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw storeError("read", e);
        }
    }

    /** Writes the result of a pull in one transaction: all of it, or (on any failure) none of it. */
    public synchronized void applyPull(PullUpdate update) throws ClientException {
        inTransaction(() -> {
            String at = update.at().toString();
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT OR REPLACE INTO manifest (id, etag, body, pulled_at, checked_at) VALUES (1, ?, ?, ?, ?)")) {
                ps.setString(1, update.manifestEtag());
                ps.setBytes(2, update.manifestBody());
                ps.setString(3, at);
                ps.setString(4, at);
                ps.executeUpdate();
            }
            StoredStudy study = update.study();
            if (study != null) {
                try (PreparedStatement ps = connection.prepareStatement("INSERT OR REPLACE INTO study"
                        + " (id, study_id, sha256, canonical_json, pulled_at) VALUES (1, ?, ?, ?, ?)")) {
                    ps.setString(1, study.studyId());
                    ps.setString(2, study.sha256());
                    ps.setBytes(3, study.canonicalJson());
                    ps.setString(4, study.pulledAt().toString());
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = connection.prepareStatement("INSERT OR REPLACE INTO forms"
                    + " (form_id, version, kind, sha256, languages_json, canonical_json, pulled_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (StoredForm form : update.newForms()) {
                    ps.setString(1, form.formId());
                    ps.setInt(2, form.version());
                    ps.setString(3, form.kind());
                    ps.setString(4, form.sha256());
                    ps.setString(5, writeLanguages(form.languages()));
                    ps.setBytes(6, form.canonicalJson());
                    ps.setString(7, form.pulledAt().toString());
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = connection.prepareStatement(
                    "UPDATE forms SET languages_json = ? WHERE form_id = ? AND version = ?")) {
                for (PullUpdate.FormLanguages f : update.languages()) {
                    ps.setString(1, writeLanguages(f.languages()));
                    ps.setString(2, f.formId());
                    ps.setInt(3, f.version());
                    ps.executeUpdate();
                }
            }
            insertKeys(update.keysToPin());
        });
    }

    @Override
    public synchronized void close() {
        closeQuietly(connection);
    }

    /** Sealed envelopes waiting for a receipt, and the receipts of those sent. */
    public Outbox outbox() {
        return new Outbox(this, connection);
    }

    /** Paused interviews, encrypted. */
    public Drafts drafts() {
        return new Drafts(this, connection);
    }

    /**
     * The study's respondent-code key given at enrolment (stored as base64, or as 64 hex digits), if this
     * device has one. It keys the hashes of respondent codes in submission headers; never print it.
     */
    public synchronized Optional<byte[]> respondentCodeKey() throws ClientException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT respondent_code_key FROM device WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            String stored = rs.next() ? rs.getString(1) : null;
            if (stored == null || stored.isBlank()) {
                return Optional.empty();
            }
            String v = stored.strip();
            return Optional.of(v.matches("[0-9a-fA-F]{64}") ? java.util.HexFormat.of().parseHex(v)
                    : java.util.Base64.getDecoder().decode(v));
        } catch (SQLException e) {
            throw storeError("read", e);
        } catch (IllegalArgumentException e) {
            throw new ClientException(Reason.STORE, "the respondent-code key in " + database + " is not readable");
        }
    }

    interface SqlWork {
        void run() throws SQLException;
    }

    void inTransaction(SqlWork work) throws ClientException {
        try {
            connection.setAutoCommit(false);
            try {
                work.run();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw storeError("write", e);
        }
    }

    /**
     * Deletes the store files of {@code home}, and {@code home} itself when nothing else is in it: what a first
     * enrolment that failed leaves behind. Best effort: a leftover empty store is harmless.
     */
    public static void removeEmptyHome(Path home) {
        try {
            for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
                Files.deleteIfExists(home.resolve(DATABASE_FILE + suffix));
            }
            try (Stream<Path> rest = Files.list(home)) {
                if (rest.findAny().isEmpty()) {
                    Files.delete(home);
                }
            }
        } catch (IOException e) {
            // the enrolment failure is what the user needs to hear
        }
    }

    private ClientException storeError(String what, SQLException e) {
        return new ClientException(Reason.STORE, "cannot " + what + " the device store " + database + ": "
                + e.getMessage(), e);
    }

    private static Map<String, String> readLanguages(String json) {
        try {
            return json == null ? Map.of() : LANGUAGES_JSON.readValue(json, LANGUAGES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable languages in the device store", e);
        }
    }

    private static String writeLanguages(Map<String, String> languages) {
        try {
            return LANGUAGES_JSON.writeValueAsString(languages == null ? Map.of() : languages);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write languages", e);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(dir + " exists and is not a folder");
        }
        if (posix()) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
            Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR);
        } else {
            Files.createDirectories(dir);
        }
    }

    private static void createPrivateFile(Path file) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            if (posix()) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            } else {
                Files.createFile(file);
            }
        }
        if (posix()) {
            Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied on " + e.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing after a failure or at the end; nothing more to do
            }
        }
    }
}
