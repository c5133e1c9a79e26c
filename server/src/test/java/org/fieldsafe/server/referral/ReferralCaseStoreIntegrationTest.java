package org.fieldsafe.server.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldsafe.server.submissions.StorageFixture.T0;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.fieldsafe.core.crypto.Digests;
import org.fieldsafe.server.MutableClock;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.NeedsPostgres;
import org.fieldsafe.server.storage.TestDatabases.Backend;
import org.fieldsafe.server.submissions.NewSubmission;
import org.fieldsafe.server.submissions.StorageFixture;
import org.fieldsafe.server.submissions.SubmissionStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link ReferralCaseStore} against real databases (SQLite and PostgreSQL): the queries and updates the escalation
 * job and the officers' changes rely on - unacknowledged cases, escalation marked once, optimistic updates, counts.
 */
@NeedsPostgres
class ReferralCaseStoreIntegrationTest {
    private final MutableClock clock = new MutableClock(T0);

    @ParameterizedTest
    @EnumSource(Backend.class)
    void unacknowledged_escalatedOnce_acknowledgedNeverEscalated_staleUpdateRefused(Backend backend) {
        Database db = StorageFixture.prepared(backend, clock);
        ReferralCaseStore cases = new ReferralCaseStore(db);
        ReferralCaseRow first = open(db, "sub-1", "urgent", T0);
        ReferralCaseRow second = open(db, "sub-2", "routine", T0.plusSeconds(60));

        assertThat(cases.unacknowledgedNotEscalated()).extracting(ReferralCaseRow::id)
                .containsExactly(first.id(), second.id());
        assertThat(cases.unacknowledged("s1")).hasSize(2);
        assertThat(cases.findBySubmission("sub-1")).hasValue(first);

        Instant later = T0.plusSeconds(3600);
        assertThat(escalate(db, cases, first.id(), later)).isTrue();
        assertThat(escalate(db, cases, first.id(), later.plusSeconds(1))).isFalse();
        ReferralCaseRow escalated = cases.find(first.id()).orElseThrow();
        assertThat(escalated.escalatedAt()).isEqualTo(later);
        assertThat(escalated.version()).as("escalation leaves the officer's version alone").isEqualTo(1);
        assertThat(cases.unacknowledgedNotEscalated()).extracting(ReferralCaseRow::id).containsExactly(second.id());
        assertThat(cases.unacknowledged("s1")).hasSize(2);

        ReferralCaseRow acked = new ReferralCaseRow(second.id(), "s1", "KH-SVR", "sub-2", second.category(),
                second.urgency(), second.choice(), second.raisedBy(), "acknowledged", second.openedAt(), later,
                "officer", null, null, null, null, null, null, null, 2, later);
        assertThat(update(db, cases, acked, 1)).isTrue();
        assertThat(update(db, cases, acked, 1)).as("stale: the row is at version 2").isFalse();
        assertThat(escalate(db, cases, second.id(), later)).isFalse();
        assertThat(cases.find(second.id()).orElseThrow()).isEqualTo(acked);
        assertThat(cases.unacknowledgedNotEscalated()).isEmpty();
        assertThat(cases.unacknowledged("s1")).extracting(ReferralCaseRow::id).containsExactly(first.id());

        assertThat(cases.counts("s1")).containsExactly(
                new ReferralCaseDao.Count("KH-SVR", "current_risk", "acknowledged", 1),
                new ReferralCaseDao.Count("KH-SVR", "current_risk", "new", 1));
        assertThat(cases.listAtSites("s1", List.of("KH-SVR"))).extracting(ReferralCaseRow::id)
                .containsExactly(second.id(), first.id());
        assertThat(cases.listAtSites("s1", List.of("BD-DHK"))).isEmpty();
        assertThat(cases.listAtSites("s1", List.of())).isEmpty();
    }

    private ReferralCaseRow open(Database db, String id, String urgency, Instant at) {
        String envelope = "{\"" + id + "\":1}";
        NewSubmission submission = new NewSubmission(id, Digests.sha256Hex(envelope),
                envelope.getBytes(StandardCharsets.UTF_8), "s1", "KH-SVR", "interview", 1, "RH", "d1", T0.minusSeconds(600), urgency, "refer", "current_risk", false,
                List.of("c".repeat(64)));
        SubmissionStore store = StorageFixture.store(db, new AuditLog(db, clock));
        db.write(h -> StorageFixture.storeOne(store, h, submission, "device:d1", at));
        return new ReferralCaseStore(db).findBySubmission(id).orElseThrow();
    }

    private static boolean escalate(Database db, ReferralCaseStore cases, String id, Instant at) {
        return db.write(h -> cases.markEscalated(h, id, at));
    }

    private static boolean update(Database db, ReferralCaseStore cases, ReferralCaseRow changed, int expected) {
        return db.write(h -> cases.update(h, changed, expected));
    }
}
