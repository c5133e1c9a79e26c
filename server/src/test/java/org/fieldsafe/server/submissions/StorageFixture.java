package org.fieldsafe.server.submissions;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.fieldsafe.server.json.ServerJson;
import org.fieldsafe.server.storage.CompiledStudy;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.auth.DeviceDao;
import org.fieldsafe.server.auth.DeviceRow;
import org.fieldsafe.server.storage.EnrolmentDao;
import org.fieldsafe.server.storage.EnrolmentRow;
import org.fieldsafe.server.storage.StudyStore;
import org.fieldsafe.server.storage.TestDatabases;
import org.fieldsafe.server.storage.TestDatabases.Backend;
import org.fieldsafe.server.auth.UserDao;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.referral.ReferralCaseStore;
import org.jdbi.v3.core.Handle;

/** A fresh database with what stored submissions refer to: study {@code s1}, enumerator {@code enum1}, device d1. */
public final class StorageFixture {
    public static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    static final CompiledStudy STUDY = new CompiledStudy("s1", "a".repeat(64), "{\"id\":\"s1\"}",
            Map.of("en", "Study one"), Map.of("en", "English"),
            List.of(new CompiledStudy.SiteDirectory("KH-SVR", 1, "b".repeat(64))));

    private StorageFixture() {
    }

    /** The submission store as the application builds it: the referral cases' triage hook in its transaction. */
    public static SubmissionStore store(Database db, AuditLog audit) {
        return new SubmissionStore(db, audit, null, new ReferralCaseStore(db));
    }

    /** Stores one upload the way the writer stores its batches ({@link SubmissionStore#storeAll}). */
    public static Stored storeOne(SubmissionStore store, Handle handle, NewSubmission submission, String actor,
                                  Instant now) {
        return store.storeAll(handle, List.of(new SubmissionStore.Upload(submission, actor, null)), now).get(0);
    }

    public static Database prepared(Backend backend, Clock clock) {
        Database db = TestDatabases.open(backend);
        StudyStore studies = new StudyStore(db, ServerJson.api(), clock);
        db.write(h -> {
            studies.put(h, STUDY);
            h.attach(UserDao.class).insert("enum1", "enumerator", "x", T0);
            h.attach(EnrolmentDao.class).insert(new EnrolmentRow("e1", "hash1", "s1", "KH-SVR", "enum1", "admin", T0,
                    T0.plusSeconds(600), T0, null, "d1"));
            h.attach(DeviceDao.class).insert(new DeviceRow("d1", "token-hash", "laptop", "s1", "KH-SVR", "enum1", "e1",
                    T0, null, T0));
            return null;
        });
        return db;
    }
}
