package org.fieldsafe.server.submissions;

import java.time.Instant;
import java.util.List;
import org.fieldsafe.server.audit.AuditLog;
import org.jdbi.v3.core.Handle;

/**
 * What must happen in the same write transaction when uploads are stored ({@link SubmissionStore#storeAll}): an
 * upload whose triage asks for it opens a referral case, as durable as its receipt. The referral package implements
 * it and the application wires it in, so storing submissions knows nothing of referral cases.
 */
public interface TriageHook {
    /** Does nothing: no upload opens anything. */
    TriageHook NONE = handle -> new Batch() {
        @Override
        public void stored(NewSubmission submission, String actor, Instant now, List<AuditLog.Entry> audit) {
        }

        @Override
        public void finish() {
        }
    };

    /** The hook's part of one {@code storeAll} transaction. */
    Batch begin(Handle handle);

    /** Gathers what the uploads stored in one transaction open, then writes it. */
    interface Batch {
        /** {@code submission} is stored now by {@code actor}; the audit entries of what it opens go to {@code audit}. */
        void stored(NewSubmission submission, String actor, Instant now, List<AuditLog.Entry> audit);

        /** Writes what {@link #stored} gathered, in the same transaction, before the audit entries are appended. */
        void finish();
    }
}
