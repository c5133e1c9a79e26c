package org.fieldsafe.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.fieldsafe.core.crypto.Secrets;
import org.fieldsafe.core.wire.AuditVerification;
import org.fieldsafe.server.MutableClock;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.NeedsPostgres;
import org.fieldsafe.server.storage.TestDatabases;
import org.fieldsafe.server.storage.TestDatabases.Backend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The audit log against injected text and against a database writer who rebuilds the chain: escaped fields, and a
 * head sealed under a key kept outside the database.
 */
@NeedsPostgres
class AuditLogIntegrationTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));

    /** What a writer of the database alone can do: change an entry and recompute every hash after it, and the head. */
    private static void rebuildWithActorChanged(Database db, long seq, String actor) {
        db.write(h -> {
            List<AuditRow> rows = h.attach(AuditDao.class).page(0, 1000);
            String prev = AuditLog.GENESIS;
            AuditRow last = null;
            for (AuditRow r : rows) {
                String who = r.seq() == seq ? actor : r.actor();
                String hash = AuditLog.hash(r.seq(), r.at(), who, r.event(), r.subject(), prev);
                h.createUpdate("UPDATE audit_log SET actor = :actor, prev_hash = :prev, hash = :hash WHERE seq = :seq")
                        .bind("actor", who).bind("prev", prev).bind("hash", hash).bind("seq", r.seq()).execute();
                prev = hash;
                last = r;
            }
            return h.createUpdate("UPDATE audit_head SET seq = :seq, hash = :hash").bind("seq", last.seq())
                    .bind("hash", prev).execute();
        });
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void verify_keyed_chainRebuiltByADatabaseWriter_detected(Backend backend) {
        Database db = TestDatabases.open(backend);
        AuditLog audit = new AuditLog(db, clock, AuditKey.of(Secrets.randomBytes(32)));
        for (int i = 1; i <= 4; i++) {
            audit.append("ann", "test.event", "n:" + i);
        }
        assertThat(audit.verify()).isEqualTo(new AuditVerification(true, 4, null, AuditLog.KEYED));

        rebuildWithActorChanged(db, 2, "mallory");

        assertThat(audit.verify()).isEqualTo(new AuditVerification(false, 3, 4L, AuditLog.KEYED));
        // the same rebuild of a log without a key passes: which is why verify says how the log is protected
        Database plain = TestDatabases.open(backend);
        AuditLog unkeyed = new AuditLog(plain, clock);
        for (int i = 1; i <= 4; i++) {
            unkeyed.append("ann", "test.event", "n:" + i);
        }
        rebuildWithActorChanged(plain, 2, "mallory");
        assertThat(unkeyed.verify()).isEqualTo(new AuditVerification(true, 4, null, AuditLog.UNKEYED));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void sealHeadIfUnsealed_logKeptBeforeTheKey_sealedOnceThenVerifies(Backend backend) {
        Database db = TestDatabases.open(backend);
        new AuditLog(db, clock).append("ann", "test.event", "n:1");
        AuditLog keyed = new AuditLog(db, clock, AuditKey.of(Secrets.randomBytes(32)));
        assertThat(keyed.verify().intact()).as("an unsealed head under a key").isFalse();

        keyed.sealHeadIfUnsealed();
        keyed.append("ann", "test.event", "n:2");

        assertThat(keyed.verify()).isEqualTo(new AuditVerification(true, 2, null, AuditLog.KEYED));
        assertThat(new AuditLog(db, clock, AuditKey.of(Secrets.randomBytes(32))).verify().intact())
                .as("another key").isFalse();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void append_lineBreaksAndControlCharactersInInput_escapedAndChainUnambiguous(Backend backend) {
        Database db = TestDatabases.open(backend);
        AuditLog audit = new AuditLog(db, clock);
        // a user name or path segment carrying a forged second line
        AuditRow row = audit.append("ann\nseq 99 admin user.deleted", "login.failed", "user:a\\b\r\u2028\u0000");

        assertThat(row.actor()).isEqualTo("ann\\u000aseq 99 admin user.deleted");
        assertThat(row.subject()).isEqualTo("user:a\\\\b\\u000d\\u2028\\u0000");
        assertThat(row.actor()).doesNotContain("\n");
        // the joined text of two different entries can no longer be the same
        assertThat(AuditLog.clean("a\nb")).isNotEqualTo(AuditLog.clean("a") + "\n" + AuditLog.clean("b"));
        assertThat(AuditLog.clean("x".repeat(2000))).hasSize(AuditLog.MAX_FIELD).endsWith("...");
        assertThat(AuditLog.clean("KH-SVR user:coord1")).isEqualTo("KH-SVR user:coord1");
        assertThat(audit.verify().intact()).isTrue();
    }
}
