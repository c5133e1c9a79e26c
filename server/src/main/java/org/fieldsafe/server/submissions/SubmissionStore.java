package org.fieldsafe.server.submissions;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.storage.Database;
import org.jdbi.v3.core.Handle;

/**
 * Where sealed submissions are stored. {@link #store} decides and writes one upload inside the caller's write
 * transaction: identical retries and id conflicts are judged against what is stored (including earlier uploads
 * of the same transaction), withdrawn respondents are refused, and each stored upload gets an audit entry
 * naming only its id.
 */
public final class SubmissionStore {
    private final Database database;
    private final AuditLog audit;

    public SubmissionStore(Database database, AuditLog audit) {
        this.database = database;
        this.audit = audit;
    }

    public Stored store(Handle handle, NewSubmission submission, String actor, Instant now) {
        SubmissionDao dao = handle.attach(SubmissionDao.class);
        Optional<SubmissionRow> existing = dao.find(submission.id());
        if (existing.isPresent()) {
            SubmissionRow row = existing.get();
            return row.envelopeSha256().equals(submission.envelopeSha256())
                    ? new Stored.Duplicate(row.envelopeSha256(), row.receivedAt())
                    : new Stored.Conflict();
        }
        if (dao.countWithdrawn(submission.studyId(), submission.codeHashes()) > 0) {
            return new Stored.Withdrawn();
        }
        dao.insert(submission, now);
        List<String> codeHashes = submission.codeHashes();
        for (int i = 0; i < codeHashes.size(); i++) {
            dao.insertRespondent(submission.id(), i, codeHashes.get(i));
        }
        audit.append(handle, actor, "submission.received", "submission:" + submission.id());
        return new Stored.Created(submission.envelopeSha256(), now);
    }

    /** The stored submission (header columns only), if any. */
    public Optional<SubmissionRow> find(String id) {
        return database.read(h -> find(h, id));
    }

    /** The stored submission (header columns only), read through the caller's handle. */
    public Optional<SubmissionRow> find(Handle handle, String id) {
        return handle.attach(SubmissionDao.class).find(id);
    }

    /** The exact stored envelope text. */
    public Optional<String> envelope(String id) {
        return database.read(h -> h.attach(SubmissionDao.class).envelope(id));
    }

    /** The respondents' keyed code hashes of a stored submission, in header order. */
    public List<String> codeHashes(String id) {
        return database.read(h -> h.attach(SubmissionDao.class).codeHashes(id));
    }

    public List<SubmissionDao.Count> counts(String studyId) {
        return database.read(h -> h.attach(SubmissionDao.class).countBySiteAndCategory(studyId));
    }
}
