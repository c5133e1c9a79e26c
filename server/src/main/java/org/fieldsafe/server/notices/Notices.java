package org.fieldsafe.server.notices;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fieldsafe.core.wire.Notice;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.storage.CompiledStudy;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.StudyStore;
import org.jdbi.v3.core.Handle;

/**
 * Notices for a study's coordinators (V16). {@link #withdrawnUpload} records, inside the upload's write transaction,
 * that an upload hit a withdrawal recorded as "not yet received" - once per submission (a retry adds none) - and
 * returns its audit entry; {@link #list} shows a study's notices in words. Never a respondent code or its hash.
 */
public final class Notices {
    public static final String WITHDRAWN_UPLOAD = "withdrawn-upload";

    private final Database database;
    private final StudyStore studies;

    public Notices(Database database, StudyStore studies) {
        this.database = database;
        this.studies = studies;
    }

    /**
     * Records that upload {@code submissionId} from {@code site} was refused because its respondent withdrew before
     * it synced; empty when that upload was noticed before. The caller appends the returned audit entry.
     */
    public static Optional<AuditLog.Entry> withdrawnUpload(Handle handle, String actor,
                                                           String studyId, String site, String submissionId,
                                                           Instant now) {
        NoticeDao dao = handle.attach(NoticeDao.class);
        if (dao.exists(WITHDRAWN_UPLOAD, submissionId)) {
            return Optional.empty();
        }
        NoticeDao.Row row = new NoticeDao.Row(UUID.randomUUID().toString(), studyId, WITHDRAWN_UPLOAD, site,
                submissionId, now);
        dao.insert(row);
        return Optional.of(new AuditLog.Entry(actor, "notice.withdrawn-upload", "study:" + studyId + " site:" + site
                + " submission:" + submissionId + " notice:" + row.id()));
    }

    /** The study's notices, newest first; 404 for an unknown study. */
    public List<Notice> list(String studyId) {
        CompiledStudy study = studies.current(studyId);
        return database.read(h -> h.attach(NoticeDao.class).list(study.id())).stream().map(Notices::view).toList();
    }

    private static Notice view(NoticeDao.Row r) {
        return new Notice(r.id(), r.studyId(), r.kind(), r.site(), r.submissionId(), r.createdAt(), text(r));
    }

    private static String text(NoticeDao.Row r) {
        if (WITHDRAWN_UPLOAD.equals(r.kind())) {
            return "An interview from site " + r.site() + " (submission " + r.submissionId() + ") arrived at "
                    + r.createdAt() + " for a respondent recorded as withdrawn before their interview synced; it was "
                    + "refused and the device told to delete it. Check with the enumerator that the withdrawal named "
                    + "the right respondent.";
        }
        return r.kind() + " at site " + r.site() + " (submission " + r.submissionId() + ")";
    }
}
