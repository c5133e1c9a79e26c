package org.fieldsafe.server.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.fieldsafe.core.crypto.KeyWrap;
import org.fieldsafe.core.crypto.RespondentCodes;
import org.fieldsafe.core.crypto.Secrets;
import org.fieldsafe.server.FileScan;
import org.fieldsafe.server.MutableClock;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.fieldsafe.server.json.ServerJson;
import org.fieldsafe.server.shredding.SubmissionShredder;
import org.fieldsafe.server.forms.CoreStudySource;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.forms.FormService;
import org.fieldsafe.server.storage.FormStore;
import org.fieldsafe.server.storage.NeedsPostgres;
import org.fieldsafe.server.storage.StudyStore;
import org.fieldsafe.server.storage.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The respondent-code key at rest (docs/sealing.md, "What a stolen copy reveals"): a copy of the database holds it
 * only wrapped under the key file beside it, so the copy alone cannot test a code against the stored code hashes;
 * enrolment still hands devices the key, and keys left in plaintext by an older version are wrapped at start.
 */
@NeedsPostgres
@ExtendWith(DropwizardExtensionsSupport.class)
class CodeKeyIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final UploadFixture UPLOADS = new UploadFixture(APP);
    private static final String CODE = "KH-SVR-RH-007";
    private static final Pattern ENCODED = Pattern.compile("[A-Za-z0-9+/_=-]{40,}");

    @BeforeAll
    static void setUp() {
        UPLOADS.setUp();
        HttpResponse<String> put = UPLOADS.put(UPLOADS.valid(CODE));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    }

    @Test
    void codeKey_databaseCopyAlone_cannotTestCodes() throws Exception {
        byte[] codeKey = UPLOADS.keys.codeKey();
        assertThat(UPLOADS.device.respondentCodeKey()).isEqualTo(Base64.getEncoder().encodeToString(codeKey));
        Path copy = copyDatabase();
        assertThat(copy.resolve("code-key.key")).doesNotExist();

        Map<Path, String> files = FileScan.filesUnder(copy);
        for (String form : List.of(new String(codeKey, StandardCharsets.ISO_8859_1),
                Base64.getEncoder().encodeToString(codeKey),
                Base64.getUrlEncoder().withoutPadding().encodeToString(codeKey),
                HexFormat.of().formatHex(codeKey), HexFormat.of().withUpperCase().formatHex(codeKey))) {
            assertThat(files.values()).noneMatch(bytes -> bytes.contains(form));
        }

        Set<String> storedHashes = new HashSet<>();
        List<byte[]> material = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + copy.resolve("fieldsafe.db"))) {
            try (Statement s = db.createStatement();
                 ResultSet rs = s.executeQuery("SELECT code_hash FROM submission_respondents")) {
                while (rs.next()) {
                    storedHashes.add(rs.getString(1));
                }
            }
            for (String table : tables(db)) {
                try (Statement s = db.createStatement();
                     ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            candidates(rs.getBytes(i), material);
                        }
                    }
                }
            }
        }
        // The check can succeed: the copy holds the hash of the code, and the right key finds it.
        assertThat(storedHashes).contains(RespondentCodes.hash(codeKey, CODE));
        assertThat(material).isNotEmpty();
        assertThat(material).noneMatch(candidate -> storedHashes.contains(RespondentCodes.hash(candidate, CODE)));

        // With the key file as well, the wrapped key opens: the file is what must be kept apart.
        CodeKeyVault withFile = CodeKeyVault.loadOrCreate(APP.dataDir.resolve("code-key.key"));
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + copy.resolve("fieldsafe.db"));
             Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT code_key, wrapped_code_key FROM respondent_code_keys")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEmpty();
            assertThat(withFile.unwrap(TestApp.STUDY, rs.getString(2))).isEqualTo(codeKey);
        }
    }

    @Test
    void withdrawalPreview_wrappedCodeKey_findsTheSubmission() {
        String pi = APP.login("ck-pi", APP.createUser(UPLOADS.admin, "ck-pi", "principal_investigator", List.of())
                .password());
        HttpResponse<String> preview = APP.postJson("/studies/" + TestApp.STUDY + "/withdrawals/preview", pi,
                Map.of("respondentCode", CODE));
        assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
        assertThat(preview.body()).contains("\"received\":1");
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Backend.class)
    void wrapPlaintextKeys_keyLeftByOlderVersion_isWrappedOnceAndCleared(TestDatabases.Backend backend)
            throws Exception {
        MutableClock clock = APP.clock;
        ObjectMapper json = ServerJson.api();
        Database db = TestDatabases.open(backend);
        AuditLog audit = new AuditLog(db, clock);
        StudyStore studies = new StudyStore(db, json, clock);
        new FormService(db, studies, new FormStore(db, json, clock), new CoreStudySource(TestApp.FIXTURE_FORMS), audit)
                .loadAndPublish();
        String plain = Base64.getEncoder().encodeToString(RespondentCodes.newKey());
        db.write(h -> h.execute("INSERT INTO respondent_code_keys (study_id, code_key, created_at) VALUES (?, ?, 0)",
                TestApp.STUDY, plain));
        CodeKeyVault vault = CodeKeyVault.of(Secrets.randomBytes(KeyWrap.KEY_BYTES));
        SubmissionShredder shredder = new SubmissionShredder(db, null);

        assertThat(vault.wrapPlaintextKeys(db, shredder::truncateLog, audit)).isEqualTo(1);
        assertThat(vault.wrapPlaintextKeys(db, shredder::truncateLog, audit)).isZero();

        String left = db.read(h -> h.createQuery("SELECT code_key FROM respondent_code_keys").mapTo(String.class)
                .one());
        assertThat(left).isEmpty();
        StudyKeyService keys = new StudyKeyService(db, studies, ReceiptKey.loadOrCreate(db, clock), vault, audit,
                clock, org.fieldsafe.server.Envelopes.CHEAP);
        assertThat(keys.respondentCodeKey(TestApp.STUDY)).hasValue(plain);
        int audited = db.read(h -> h.createQuery(
                "SELECT COUNT(*) FROM audit_log WHERE event = 'study.code-key.wrapped'").mapTo(Integer.class).one());
        assertThat(audited).isEqualTo(1);
        if (backend == TestDatabases.Backend.SQLITE) {
            String dbFileName = db.read(h -> h.createQuery("PRAGMA database_list").map((rs, ctx) -> rs.getString(3))
                    .first());
            assertThat(FileScan.filesUnder(Path.of(dbFileName).getParent()).values())
                    .noneMatch(bytes -> bytes.contains(plain));
        }
        assertThatThrownBy(() -> CodeKeyVault.of(Secrets.randomBytes(KeyWrap.KEY_BYTES))
                .wrapPlaintextKeys(db, shredder::truncateLog, audit))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining(plain);
    }

    /** The database files of the running app (main file, write-ahead log, shared memory), copied elsewhere. */
    private static Path copyDatabase() throws Exception {
        Path copy = Files.createTempDirectory("fieldsafe-stolen");
        try (Stream<Path> files = Files.list(APP.dataDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("fieldsafe.db")).toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }

    private static List<String> tables(Connection db) throws Exception {
        List<String> tables = new ArrayList<>();
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    /** A stored value as key material: its bytes, and every long base64 or hex token in it, decoded. */
    private static void candidates(byte[] value, List<byte[]> out) {
        if (value == null || value.length == 0) {
            return;
        }
        out.add(value);
        Matcher m = ENCODED.matcher(new String(value, StandardCharsets.ISO_8859_1));
        while (m.find()) {
            String token = m.group();
            List<Function<String, byte[]>> decoders = List.of(Base64.getDecoder()::decode,
                    Base64.getUrlDecoder()::decode, HexFormat.of()::parseHex);
            for (Function<String, byte[]> decoder : decoders) {
                try {
                    byte[] decoded = decoder.apply(token);
                    out.add(decoded);
                    if (decoded.length > RespondentCodes.KEY_BYTES) {
                        for (int i = 0; i + RespondentCodes.KEY_BYTES <= decoded.length; i++) {
                            out.add(Arrays.copyOfRange(decoded, i, i + RespondentCodes.KEY_BYTES));
                        }
                    }
                } catch (IllegalArgumentException notThisEncoding) {
                    // not a token of this encoding
                }
            }
        }
    }
}
