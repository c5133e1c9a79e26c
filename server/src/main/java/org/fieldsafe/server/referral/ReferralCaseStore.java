package org.fieldsafe.server.referral;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.submissions.NewSubmission;
import org.fieldsafe.server.submissions.TriageHook;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Where referral cases are stored (V10). A case is opened for a submission whose triage choice is {@code refer} or
 * {@code information_only}, inside the write transaction that stores the submission (this store is the
 * submissions' {@link TriageHook}), so the case is as durable as the receipt and a retry, which stores nothing,
 * opens none. Reads go through {@link Database#read}; changes run inside the caller's
 * {@link Database#write} transaction, which also appends their audit entries.
 */
public final class ReferralCaseStore implements TriageHook {
    /** The triage choices that open a case; {@code decline} opens none. */
    public static final Set<String> OPENING_CHOICES = Set.of("refer", "information_only");

    private final Database database;

    public ReferralCaseStore(Database database) {
        this.database = database;
    }

    /** True when storing {@code submission} must open a case: it carries triage with an opening choice. */
    public static boolean opensCase(NewSubmission submission) {
        return submission.triageChoice() != null && OPENING_CHOICES.contains(submission.triageChoice());
    }

    /** Opens, in the transaction of {@code handle}, the cases of the uploads stored there that {@link #opensCase}. */
    @Override
    public TriageHook.Batch begin(Handle handle) {
        return new TriageHook.Batch() {
            private PreparedBatch cases;

            @Override
            public void stored(NewSubmission submission, String actor, Instant now, List<AuditLog.Entry> audit) {
                if (!opensCase(submission)) {
                    return;
                }
                if (cases == null) {
                    cases = handle.prepareBatch(ReferralCaseDao.INSERT);
                }
                ReferralCaseRow opened = newCase(submission, now);
                cases.bindMethods(opened).add();
                audit.add(new AuditLog.Entry(actor, "referral.opened", subject(opened)));
            }

            @Override
            public void finish() {
                if (cases != null) {
                    cases.execute();
                }
            }
        };
    }

    /** The case a stored {@code submission} opens (state new, version 1). */
    private static ReferralCaseRow newCase(NewSubmission submission, Instant now) {
        return new ReferralCaseRow(UUID.randomUUID().toString(), submission.studyId(), submission.site(),
                submission.id(), submission.triageCategory(), submission.triageUrgency(), submission.triageChoice(),
                submission.triageRaisedByEnumerator() ? "enumerator" : "rule", CaseState.NEW.wire(), now, null, null,
                null, null, null, null, null, null, null, 1, now);
    }

    /** An audit subject naming a case: ids and site only. */
    public static String subject(ReferralCaseRow row) {
        return "case:" + row.id() + " submission:" + row.submissionId() + " site:" + row.site();
    }

    public Optional<ReferralCaseRow> find(String id) {
        return database.read(h -> h.attach(ReferralCaseDao.class).find(id));
    }

    public Optional<ReferralCaseRow> find(Handle handle, String id) {
        return handle.attach(ReferralCaseDao.class).find(id);
    }

    public Optional<ReferralCaseRow> findBySubmission(String submissionId) {
        return database.read(h -> h.attach(ReferralCaseDao.class).findBySubmission(submissionId));
    }

    /** The study's cases at {@code sites}, newest first; none for no sites. */
    public List<ReferralCaseRow> listAtSites(String studyId, List<String> sites) {
        if (sites.isEmpty()) {
            return List.of();
        }
        return database.read(h -> h.attach(ReferralCaseDao.class).listAtSites(studyId, sites));
    }

    /** Case counts of a study by site, category and state. */
    public List<ReferralCaseDao.Count> counts(String studyId) {
        return database.read(h -> h.attach(ReferralCaseDao.class).counts(studyId));
    }

    /** Every case (all studies) still new - not acknowledged - and not escalated yet, oldest first. */
    public List<ReferralCaseRow> unacknowledgedNotEscalated() {
        return database.read(h -> h.attach(ReferralCaseDao.class).unacknowledgedNotEscalated());
    }

    /** The study's cases still new (not acknowledged), escalated or not, oldest first. */
    public List<ReferralCaseRow> unacknowledged(String studyId) {
        return database.read(h -> h.attach(ReferralCaseDao.class).unacknowledged(studyId));
    }

    /**
     * Marks a case escalated in the caller's write transaction, once: true when marked now, false when it was
     * escalated or acknowledged meanwhile. Does not change the case's state or version (an officer's pending change
     * is not made stale by it); the caller audits it.
     */
    public boolean markEscalated(Handle handle, String id, Instant at) {
        return handle.attach(ReferralCaseDao.class).markEscalated(id, at) == 1;
    }

    /** Writes {@code changed} (version already advanced) if the stored version is still {@code expectedVersion}. */
    boolean update(Handle handle, ReferralCaseRow changed, int expectedVersion) {
        return handle.attach(ReferralCaseDao.class).update(changed, expectedVersion) == 1;
    }
}
