package org.fieldsafe.client.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.ClientException.Reason;
import org.fieldsafe.client.keys.StoredKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceStoreTest {
    static final Instant T1 = Instant.parse("2026-11-20T08:00:00Z");
    static final Instant T2 = Instant.parse("2026-11-21T08:00:00Z");

    @TempDir
    Path tmp;

    @Test
    void open_newHome_createsOwnerOnlyFolderAndDatabase() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path home = tmp.resolve("laptop").resolve(".fieldsafe");

        try (DeviceStore store = DeviceStore.open(home)) {
            assertThat(store.databaseFile()).isEqualTo(home.resolve("device.db"));
        }

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("device.db"))))
                .isEqualTo("rw-------");
    }

    @Test
    void open_existingDatabaseWithLooseMode_isMadeOwnerOnly() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        DeviceStore.open(tmp).close();
        Files.setPosixFilePermissions(tmp.resolve("device.db"), PosixFilePermissions.fromString("rw-r--r--"));

        DeviceStore.open(tmp).close();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("device.db"))))
                .isEqualTo("rw-------");
    }

    @Test
    void open_usesWalAndFullSync() throws Exception {
        try (DeviceStore store = DeviceStore.open(tmp)) {
            assertThat(store.pragma("journal_mode")).isEqualToIgnoringCase("wal");
            assertThat(store.pragma("synchronous")).isEqualTo("2");
        }
    }

    @Test
    void open_freshStore_isAtTheLatestSchemaAndReopensWithItsData() throws Exception {
        try (DeviceStore store = DeviceStore.open(tmp)) {
            assertThat(store.schemaVersion()).isEqualTo(Schema.latest()).isEqualTo(5);
            store.saveEnrolment(device("tok-1"), false);
        }
        try (DeviceStore store = DeviceStore.open(tmp)) {
            assertThat(store.schemaVersion()).isEqualTo(Schema.latest());
            assertThat(store.device()).hasValueSatisfying(d -> assertThat(d.deviceId()).isEqualTo("dev-1"));
        }
    }

    @Test
    void open_storeAtSchemaOne_isMigratedKeepingItsData() throws Exception {
        Path db = tmp.resolve("device.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE device (id INTEGER PRIMARY KEY CHECK (id = 1), server_url TEXT NOT NULL,"
                    + " device_id TEXT NOT NULL, device_token TEXT NOT NULL, study TEXT NOT NULL, site TEXT NOT NULL,"
                    + " enumerator TEXT, device_name TEXT, enrolled_at TEXT NOT NULL)");
            s.execute("CREATE TABLE manifest (id INTEGER PRIMARY KEY CHECK (id = 1), etag TEXT, body BLOB NOT NULL,"
                    + " pulled_at TEXT NOT NULL, checked_at TEXT NOT NULL)");
            s.execute("CREATE TABLE study (id INTEGER PRIMARY KEY CHECK (id = 1), study_id TEXT NOT NULL,"
                    + " sha256 TEXT NOT NULL, canonical_json BLOB NOT NULL, pulled_at TEXT NOT NULL)");
            s.execute("CREATE TABLE forms (form_id TEXT NOT NULL, version INTEGER NOT NULL, kind TEXT NOT NULL,"
                    + " sha256 TEXT NOT NULL, languages_json TEXT NOT NULL, canonical_json BLOB NOT NULL,"
                    + " pulled_at TEXT NOT NULL, PRIMARY KEY (form_id, version))");
            s.execute("INSERT INTO device VALUES (1, 'https://fs.example.org', 'dev-1', 'tok-1', 'beyond-awareness',"
                    + " 'KH-SVR', 'enum-kh1', 'laptop-7', '2026-11-20T08:00:00Z')");
            s.execute("PRAGMA user_version = 1");
        }

        try (DeviceStore store = DeviceStore.open(tmp)) {
            assertThat(store.schemaVersion()).isEqualTo(Schema.latest());
            assertThat(store.device().orElseThrow().deviceId()).isEqualTo("dev-1");
            assertThat(store.studyKeys()).isEmpty();
        }
    }

    @Test
    void open_storeFromANewerClient_refused() throws Exception {
        DeviceStore.open(tmp).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("device.db"));
             Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 99");
        }

        ClientException e = catchThrowableOfType(ClientException.class, () -> DeviceStore.open(tmp));

        assertThat(e.reason()).isEqualTo(Reason.STORE);
        assertThat(e.getMessage()).contains("newer Fieldsafe client").contains("update this client");
    }

    @Test
    void open_homeIsAFile_clearError() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");

        assertThatThrownBy(() -> DeviceStore.open(file)).isInstanceOf(ClientException.class)
                .hasMessageContaining("is not a folder");
    }

    @Test
    void openExisting_noStore_saysNotEnrolledAndCreatesNothing() {
        Path home = tmp.resolve("nothing-here");

        ClientException e = catchThrowableOfType(ClientException.class, () -> DeviceStore.openExisting(home));

        assertThat(e.reason()).isEqualTo(Reason.NOT_ENROLLED);
        assertThat(e.getMessage()).contains("enrol it first");
        assertThat(home).doesNotExist();
    }

    @Test
    void deviceRecord_toString_redactsTheToken() {
        DeviceRecord record = device("tok-very-secret");

        assertThat(record.toString()).doesNotContain("tok-very-secret").contains("deviceToken=[REDACTED]");
    }

    @Test
    void saveEnrolment_again_replacesDeviceAndDropsManifestOnly() throws Exception {
        try (DeviceStore store = DeviceStore.open(tmp)) {
            store.saveEnrolment(device("tok-1"), false);
            store.applyPull(pull("etag-1", form("consent", 1)));

            store.saveEnrolment(device("tok-2"), false);

            assertThat(store.device().orElseThrow().deviceToken()).isEqualTo("tok-2");
            assertThat(store.manifest()).isEmpty();
            assertThat(store.forms()).hasSize(1);
            assertThat(store.study()).isPresent();

            store.saveEnrolment(device("tok-3"), true);

            assertThat(store.forms()).isEmpty();
            assertThat(store.study()).isEmpty();
        }
    }

    @Test
    void applyPull_storesEverythingAndRefreshesLanguageStates() throws Exception {
        try (DeviceStore store = DeviceStore.open(tmp)) {
            store.applyPull(pull("etag-1", form("consent", 1)));
            Map<String, String> reviewed = new LinkedHashMap<>();
            reviewed.put("en", "complete");
            reviewed.put("km", "complete");

            store.applyPull(new PullUpdate("etag-2", "{\"m\":2}".getBytes(StandardCharsets.UTF_8), null,
                    List.of(form("interview", 1)), List.of(new PullUpdate.FormLanguages("consent", 1, reviewed)), List.of(),
                    T2));

            assertThat(store.manifest().orElseThrow().etag()).isEqualTo("etag-2");
            assertThat(store.study().orElseThrow().pulledAt()).isEqualTo(T1);
            assertThat(store.forms()).extracting(StoredForm::formId).containsExactly("consent", "interview");
            assertThat(store.forms().get(0).languages()).containsExactly(Map.entry("en", "complete"),
                    Map.entry("km", "complete"));
            assertThat(store.formSha256("consent", 1)).contains("a".repeat(64));
            assertThat(store.formSha256("consent", 2)).isEmpty();
        }
    }

    @Test
    void applyPull_failingHalfway_rollsBackEverything() throws Exception {
        try (DeviceStore store = DeviceStore.open(tmp)) {
            store.applyPull(pull("etag-1", form("consent", 1)));
            StoredForm broken = new StoredForm("interview", 1, null, "b".repeat(64), Map.of(), new byte[] {'{', '}'}, T2);

            assertThatThrownBy(() -> store.applyPull(new PullUpdate("etag-2", "{}".getBytes(StandardCharsets.UTF_8),
                    new StoredStudy("s", "c".repeat(64), "{}".getBytes(StandardCharsets.UTF_8), T2),
                    List.of(form("other", 1), broken), List.of(), List.of(key("f1")), T2)))
                    .isInstanceOf(ClientException.class)
                    .hasMessageContaining("cannot write the device store");

            assertThat(store.manifest().orElseThrow().etag()).isEqualTo("etag-1");
            assertThat(store.study().orElseThrow().sha256()).isEqualTo("d".repeat(64));
            assertThat(store.forms()).extracting(StoredForm::formId).containsExactly("consent");
            assertThat(store.studyKeys()).isEmpty();
        }
    }

    @Test
    void applyPull_keysToPin_areStoredAndDroppedByTheNextEnrolment() throws Exception {
        try (DeviceStore store = DeviceStore.open(tmp)) {
            store.saveEnrolment(device("tok-1"), false);
            store.applyPull(new PullUpdate("etag-1", "{}".getBytes(StandardCharsets.UTF_8), null, List.of(), List.of(),
                    List.of(key("f2"), key("f1")), T1));

            assertThat(store.studyKeys()).extracting(StoredKey::fingerprint).containsExactly("f1", "f2");

            store.saveEnrolment(device("tok-2"), false);

            assertThat(store.studyKeys()).isEmpty();
        }
    }

    @Test
    void markManifestChecked_updatesOnlyTheCheckTime() throws Exception {
        try (DeviceStore store = DeviceStore.open(tmp)) {
            store.applyPull(pull("etag-1", form("consent", 1)));

            store.markManifestChecked(T2);

            StoredManifest manifest = store.manifest().orElseThrow();
            assertThat(manifest.pulledAt()).isEqualTo(T1);
            assertThat(manifest.checkedAt()).isEqualTo(T2);
        }
    }

    private static DeviceRecord device(String token) {
        return new DeviceRecord(URI.create("https://fieldsafe.example.org"), "dev-1", token, "beyond-awareness",
                "KH-SVR", "enum-kh1", "laptop-7", T1);
    }

    private static StoredForm form(String id, int version) {
        Map<String, String> languages = new LinkedHashMap<>();
        languages.put("en", "complete");
        languages.put("km", "draft");
        return new StoredForm(id, version, "consent", "a".repeat(64), languages,
                ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8), T1);
    }

    private static PullUpdate pull(String etag, StoredForm form) {
        return new PullUpdate(etag, "{\"m\":1}".getBytes(StandardCharsets.UTF_8),
                new StoredStudy("beyond-awareness", "d".repeat(64), "{}".getBytes(StandardCharsets.UTF_8), T1),
                List.of(form), List.of(), List.of(), T1);
    }

    private static StoredKey key(String fingerprint) {
        return new StoredKey("research", "X25519", "pk-" + fingerprint, fingerprint, T1);
    }
}
