package org.fieldsafe.server.export;

import org.fieldsafe.export.SealedRecordings;
import org.fieldsafe.server.attachments.AttachmentDao;
import org.fieldsafe.server.attachments.StoredChunks;
import org.fieldsafe.server.storage.Database;

/**
 * The stored recordings (attachments) as a QDPX export with audio reads them: only those uploaded whole, their sealed
 * bytes a chunk at a time from the upload chunks. A withdrawn respondent's recordings are shredded with the rest of the
 * submission, and their submissions never reach the export.
 */
final class StoredRecordings implements SealedRecordings {
    private final Database database;

    StoredRecordings(Database database) {
        this.database = database;
    }

    @Override
    public boolean complete(String submissionId, String name) {
        return database.read(h -> h.attach(AttachmentDao.class).completedAt(submissionId, name)).isPresent();
    }

    @Override
    public byte[] sealed(String submissionId, String name, long offset, int length) {
        return StoredChunks.sealed(database, submissionId, name, offset, length);
    }
}
