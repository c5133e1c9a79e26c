package org.fieldsafe.server.attachments;

import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Attachment chunks and completed attachments (V3__attachments.sql). */
public interface AttachmentDao {
    @SqlQuery("SELECT COALESCE(MAX(end_offset), 0) FROM attachment_chunks WHERE submission_id = :id AND name = :name")
    long storedLength(@Bind("id") String submissionId, @Bind("name") String name);

    @SqlUpdate("INSERT INTO attachment_chunks (submission_id, name, start_offset, end_offset, data) "
            + "VALUES (:id, :name, :start, :end, :data)")
    void insertChunk(@Bind("id") String submissionId, @Bind("name") String name, @Bind("start") long start,
                     @Bind("end") long end, @Bind("data") String data);

    @SqlUpdate("DELETE FROM attachment_chunks WHERE submission_id = :id AND name = :name")
    void deleteChunks(@Bind("id") String submissionId, @Bind("name") String name);

    @SqlQuery("SELECT received_at FROM attachments WHERE submission_id = :id AND name = :name")
    Optional<Long> completedAt(@Bind("id") String submissionId, @Bind("name") String name);

    @SqlUpdate("INSERT INTO attachments (submission_id, name, sealed_sha256, sealed_bytes, received_at) "
            + "VALUES (:id, :name, :sha, :bytes, :at)")
    void insertCompleted(@Bind("id") String submissionId, @Bind("name") String name, @Bind("sha") String sha256,
                         @Bind("bytes") long sealedBytes, @Bind("at") long receivedAt);
}
