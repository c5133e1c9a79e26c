package org.fieldsafe.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fieldsafe.core.crypto.Digests;
import org.fieldsafe.core.crypto.Secrets;
import org.fieldsafe.core.wire.AuditVerification;
import org.fieldsafe.server.MutableClock;
import org.fieldsafe.server.json.ServerJson;
import org.fieldsafe.server.problems.ProblemException;
import org.fieldsafe.server.audit.AuditDao;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.auth.SessionDao;
import org.fieldsafe.server.auth.SessionRow;
import org.fieldsafe.server.auth.UserDao;
import org.fieldsafe.server.auth.UserRow;
import org.fieldsafe.server.storage.TestDatabases.Backend;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** DAOs and stores against real databases: every test on SQLite and on PostgreSQL. */
@NeedsPostgres
class StorageIntegrationTest {
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final ObjectMapper json = ServerJson.api();

    private static final CompiledStudy STUDY = new CompiledStudy("s1", "a".repeat(64), "{\"id\":\"s1\"}",
            Map.of("en", "Study one"), Map.of("en", "English"),
            List.of(new CompiledStudy.SiteDirectory("KH-SVR", 1, "b".repeat(64))));

    @ParameterizedTest
    @EnumSource(Backend.class)
    void users_insertFindListAndSites(Backend backend) {
        Database db = TestDatabases.open(backend);
        write(db, h -> {
            UserDao users = h.attach(UserDao.class);
            users.insert("ann", "safeguarding_officer", "$argon2id$hash", T0, 0);
            users.insertSite("ann", "KH-SVR");
            users.insertSite("ann", "BD-DHK");
            return null;
        });
        UserRow ann = read(db, h -> h.attach(UserDao.class).find("ann")).orElseThrow();
        assertThat(ann).isEqualTo(new UserRow("ann", "safeguarding_officer", "$argon2id$hash", T0, null, false, null));
        assertThat(StorageIntegrationTest.<List<String>>read(db, h -> h.attach(UserDao.class).sites("ann"))).containsExactly("BD-DHK", "KH-SVR");
        assertThat(StorageIntegrationTest.<Integer>read(db, h -> h.attach(UserDao.class).countByRole("safeguarding_officer"))).isEqualTo(1);
        assertThatThrownBy(() -> write(db, h -> {
            h.attach(UserDao.class).insert("ann", "admin", "x", T0);
            return null;
        })).isInstanceOf(UnableToExecuteStatementException.class);
        assertThatThrownBy(() -> write(db, h -> {
            h.attach(UserDao.class).insertSite("nobody", "KH-SVR");
            return null;
        })).as("foreign keys are enforced").isInstanceOf(UnableToExecuteStatementException.class);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void sessions_findAndDeleteExpired(Backend backend) {
        Database db = TestDatabases.open(backend);
        write(db, h -> {
            h.attach(UserDao.class).insert("ann", "admin", "x", T0);
            h.attach(SessionDao.class).insert("h1", "ann", T0, T0.plusSeconds(60));
            h.attach(SessionDao.class).insert("h2", "ann", T0, T0.plusSeconds(3600));
            return null;
        });
        assertThat(StorageIntegrationTest.<Integer>write(db, h -> h.attach(SessionDao.class).deleteExpired(T0.plusSeconds(61)))).isEqualTo(1);
        assertThat(StorageIntegrationTest.<java.util.Optional<SessionRow>>read(db, h -> h.attach(SessionDao.class).find("h1"))).isEmpty();
        assertThat(StorageIntegrationTest.<java.util.Optional<SessionRow>>read(db, h -> h.attach(SessionDao.class).find("h2"))).get()
                .extracting(SessionRow::expiresAt).isEqualTo(T0.plusSeconds(3600));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void enrolmentCodes_usableOnce_revocableWhileUnused(Backend backend) {
        Database db = TestDatabases.open(backend);
        StudyStore studies = new StudyStore(db, json, clock);
        write(db, h -> {
            studies.put(h, STUDY);
            h.attach(UserDao.class).insert("enum1", "enumerator", "x", T0);
            EnrolmentDao codes = h.attach(EnrolmentDao.class);
            codes.insert(new EnrolmentRow("e1", "hash1", "s1", "KH-SVR", "enum1", "admin", T0, T0.plusSeconds(600),
                    null, null, null));
            codes.insert(new EnrolmentRow("e2", "hash2", "s1", "KH-SVR", "enum1", "admin", T0, T0.plusSeconds(600),
                    null, null, null));
            return null;
        });
        assertThat(StorageIntegrationTest.<Integer>write(db, h -> h.attach(EnrolmentDao.class).markUsed("e1", "d1", T0.plusSeconds(1)))).isEqualTo(1);
        assertThat(StorageIntegrationTest.<Integer>write(db, h -> h.attach(EnrolmentDao.class).markUsed("e1", "d2", T0.plusSeconds(2)))).isZero();
        assertThat(StorageIntegrationTest.<Integer>write(db, h -> h.attach(EnrolmentDao.class).revoke("e1", T0))).isZero();
        assertThat(StorageIntegrationTest.<Integer>write(db, h -> h.attach(EnrolmentDao.class).markUsed("e2", "d3", T0.plusSeconds(600)))).isZero();
        assertThat(StorageIntegrationTest.<Integer>write(db, h -> h.attach(EnrolmentDao.class).revoke("e2", T0))).isEqualTo(1);
        EnrolmentRow e1 = read(db, h -> h.attach(EnrolmentDao.class).findByCodeHash("hash1")).orElseThrow();
        assertThat(e1.state(T0)).isEqualTo("used");
        assertThat(e1.deviceId()).isEqualTo("d1");
        assertThat(StorageIntegrationTest.<EnrolmentRow>read(db, h -> h.attach(EnrolmentDao.class).find("e2").orElseThrow()).state(T0)).isEqualTo("revoked");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void formStore_changedFormIsNewVersion_oldVersionsStay(Backend backend) {
        Database db = TestDatabases.open(backend);
        FormStore forms = new FormStore(db, json, clock);
        StudyStore studies = new StudyStore(db, json, clock);
        CompiledForm v1 = form("consent", "{\"v\":1}");
        CompiledForm v2 = form("consent", "{\"v\":2}");
        write(db, h -> {
            studies.put(h, STUDY);
            assertThat(forms.register(h, "s1", v1, FormStore.PUBLISHED, "file").created()).isTrue();
            FormStore.Registered again = forms.register(h, "s1", v1, FormStore.DRAFT, "upload");
            assertThat(again.created()).isFalse();
            assertThat(again.row().version()).isEqualTo(1);
            assertThat(forms.register(h, "s1", v2, FormStore.DRAFT, "upload").row().version()).isEqualTo(2);
            return null;
        });
        assertThat(forms.list("s1")).extracting(FormVersionRow::version, FormVersionRow::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "published"),
                        org.assertj.core.groups.Tuple.tuple(2, "draft"));
        assertThat(forms.latestPublished("s1")).extracting(FormVersionRow::version).containsExactly(1);
        clock.advance(Duration.ofMinutes(5));
        write(db, h -> forms.transition(h, "s1", "consent", 2, FormStore.PUBLISHED));
        assertThat(forms.latestPublished("s1")).extracting(FormVersionRow::version).containsExactly(2);
        assertThat(forms.find("s1", "consent", 2).orElseThrow().updatedAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(forms.languages(forms.find("s1", "consent", 1).orElseThrow())).containsEntry("km", "draft");
        write(db, h -> forms.transition(h, "s1", "consent", 2, FormStore.RETIRED));
        assertThat(forms.latestPublished("s1")).extracting(FormVersionRow::version).containsExactly(1);
        assertThatThrownBy(() -> write(db, h -> forms.transition(h, "s1", "consent", 2, FormStore.PUBLISHED)))
                .isInstanceOf(ProblemException.class);
        assertThat(forms.find("s1", "consent", 1).orElseThrow().canonicalJson()).isEqualTo("{\"v\":1}");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void studyStore_changedStudyIsNewVersion(Backend backend) {
        Database db = TestDatabases.open(backend);
        StudyStore studies = new StudyStore(db, json, clock);
        assertThat(StorageIntegrationTest.<Boolean>write(db, h -> studies.put(h, STUDY))).isTrue();
        assertThat(StorageIntegrationTest.<Boolean>write(db, h -> studies.put(h, STUDY))).isFalse();
        CompiledStudy changed = new CompiledStudy("s1", "c".repeat(64), "{\"id\":\"s1\",\"x\":1}", STUDY.title(),
                STUDY.languages(), STUDY.sites());
        assertThat(StorageIntegrationTest.<Boolean>write(db, h -> studies.put(h, changed))).isTrue();
        assertThat(studies.current("s1")).isEqualTo(changed);
        assertThat(studies.list()).containsExactly(changed);
        assertThatThrownBy(() -> studies.current("nope")).isInstanceOf(ProblemException.class);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void auditLog_chainVerifies_andTamperingIsDetected(Backend backend) {
        Database db = TestDatabases.open(backend);
        AuditLog audit = new AuditLog(db, clock);
        audit.append("admin", "user.created", "user:ann");
        audit.append("ann", "login.succeeded", "address:127.0.0.1");
        audit.append("ann", "enrolment.created", "enrolment:e1");
        assertThat(audit.verify()).isEqualTo(new AuditVerification(true, 3, null, AuditLog.UNKEYED));
        write(db, h -> h.createUpdate("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2").execute());
        assertThat(audit.verify()).isEqualTo(new AuditVerification(false, 1, 2L, AuditLog.UNKEYED));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void auditLog_deletedOrReorderedEntries_detectedNamingTheFirstBrokenEntry(Backend backend) {
        Database db = TestDatabases.open(backend);
        AuditLog audit = new AuditLog(db, clock);
        for (int i = 1; i <= 5; i++) {
            audit.append("ann", "test.event", "n:" + i);
        }
        assertThat(audit.verify()).isEqualTo(new AuditVerification(true, 5, null, AuditLog.UNKEYED));

        // Two entries' contents swapped (seq kept): the first of them no longer follows from entry 1.
        write(db, h -> {
            h.createUpdate("UPDATE audit_log SET seq = 100 WHERE seq = 2").execute();
            h.createUpdate("UPDATE audit_log SET seq = 2 WHERE seq = 3").execute();
            return h.createUpdate("UPDATE audit_log SET seq = 3 WHERE seq = 100").execute();
        });
        assertThat(audit.verify()).isEqualTo(new AuditVerification(false, 1, 2L, AuditLog.UNKEYED));
        write(db, h -> {
            h.createUpdate("UPDATE audit_log SET seq = 100 WHERE seq = 2").execute();
            h.createUpdate("UPDATE audit_log SET seq = 2 WHERE seq = 3").execute();
            return h.createUpdate("UPDATE audit_log SET seq = 3 WHERE seq = 100").execute();
        });
        assertThat(audit.verify()).as("swapped back").isEqualTo(new AuditVerification(true, 5, null, AuditLog.UNKEYED));

        // The last entry deleted: the chain left is intact, the recorded head names the missing entry.
        write(db, h -> h.createUpdate("DELETE FROM audit_log WHERE seq = 5").execute());
        assertThat(audit.verify()).isEqualTo(new AuditVerification(false, 4, 5L, AuditLog.UNKEYED));
        // ... and the head moved back with it: the head's hash no longer matches entry 4.
        write(db, h -> h.createUpdate("UPDATE audit_head SET seq = 4").execute());
        assertThat(audit.verify()).isEqualTo(new AuditVerification(false, 3, 4L, AuditLog.UNKEYED));
        write(db, h -> h.createUpdate("UPDATE audit_head SET hash = (SELECT hash FROM audit_log WHERE seq = 4)")
                .execute());
        assertThat(audit.verify()).as("head rewritten to match: a plain chain cannot tell").isEqualTo(
                new AuditVerification(true, 4, null, AuditLog.UNKEYED));
        // The head deleted while entries remain.
        write(db, h -> h.createUpdate("DELETE FROM audit_head").execute());
        assertThat(audit.verify()).isEqualTo(new AuditVerification(false, 0, 1L, AuditLog.UNKEYED));
        // Appending records the head again.
        audit.append("ann", "test.event", "n:6");
        assertThat(audit.verify()).isEqualTo(new AuditVerification(true, 5, null, AuditLog.UNKEYED));

        // An entry in the middle deleted: the next one's link names the gap.
        write(db, h -> h.createUpdate("DELETE FROM audit_log WHERE seq = 3").execute());
        assertThat(audit.verify()).isEqualTo(new AuditVerification(false, 2, 4L, AuditLog.UNKEYED));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void write_concurrentWriters_serialisedWithoutBusyErrors(Backend backend) throws Exception {
        Database db = TestDatabases.open(backend);
        AuditLog audit = new AuditLog(db, clock);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                futures.add(pool.submit(() -> audit.append("t" + n, "test", "n:" + n)));
                futures.add(pool.submit(() -> read(db, h -> h.attach(AuditDao.class).last())));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(audit.verify()).isEqualTo(new AuditVerification(true, 40, null, AuditLog.UNKEYED));
    }

    private static <T> T read(Database db, java.util.function.Function<org.jdbi.v3.core.Handle, T> work) {
        return db.read(work::apply);
    }

    private static <T> T write(Database db, java.util.function.Function<org.jdbi.v3.core.Handle, T> work) {
        return db.write(work::apply);
    }

    private static CompiledForm form(String id, String canonical) {
        return new CompiledForm(id, "consent", Digests.sha256Hex(canonical), canonical,
                Map.of("en", "complete", "km", "draft"));
    }
}
