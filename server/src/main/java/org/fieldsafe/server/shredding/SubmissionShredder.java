package org.fieldsafe.server.shredding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.EnvelopeFiles;
import org.fieldsafe.server.submissions.SubmissionDao;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shreds stored submissions where they are ({@link EnvelopeShredder}): an envelope in an envelope file is
 * overwritten at its offset with bytes of the same length and the file synced at once; an envelope in its row is
 * updated. Called inside the write transaction that then marks the rows, so a crash never leaves a row marked
 * shredded whose bytes are not: at worst bytes are shredded and the row not yet marked (asking again finishes).
 *
 * <p>On SQLite, every connection runs with {@code secure_delete} on ({@link Database#SQLITE_PROPERTIES}: SQLite
 * zeroes deleted content, and the stale bytes a page split or merge leaves behind, in every write - not only in
 * shredding, since a copy left by an earlier insert's page split outlives the row it was copied from), and after a commit that changed rows {@link #truncateLog} copies the write-ahead log into
 * the database and truncates it, so old page images do not linger in the log.
 */
public final class SubmissionShredder {
    private static final Logger LOG = LoggerFactory.getLogger(SubmissionShredder.class);

    private final Database database;
    private final EnvelopeFiles envelopeFiles;

    /** {@code envelopeFiles}: where SQLite keeps envelopes (null: every envelope is in its row). */
    public SubmissionShredder(Database database, EnvelopeFiles envelopeFiles) {
        this.database = database;
        this.envelopeFiles = envelopeFiles;
    }

    /** One submission shredded: what the shredder found, and whether rows of the database changed. */
    public record Shredded(EnvelopeShredder.Result found, boolean rowsChanged) {
    }

    /**
     * Shreds the secret material of {@code parts} (and every attachment, with its stored chunks, and every
     * transcript and translation version, when {@code attachments}) of one submission, inside the caller's write transaction; writes nothing where it is
     * shredded already.
     */
    public Shredded shred(Handle handle, String submissionId, Set<String> parts, boolean attachments) {
        SubmissionDao.EnvelopeLocation at = handle.attach(SubmissionDao.class).envelope(submissionId)
                .orElseThrow(() -> new IllegalStateException("No stored submission " + submissionId));
        byte[] stored = read(at);
        EnvelopeShredder.Result result = EnvelopeShredder.shred(stored, parts, attachments);
        boolean rowsChanged = false;
        if (!Arrays.equals(stored, result.bytes())) {
            if (at.envelopeFile() == null) {
                handle.attach(ShreddingDao.class).updateEnvelope(submissionId,
                        new String(result.bytes(), StandardCharsets.UTF_8));
                rowsChanged = true;
            } else {
                overwrite(at, result.bytes());
            }
        }
        if (attachments) {
            rowsChanged |= handle.attach(ShreddingDao.class).deleteAttachmentChunks(submissionId) > 0;
            rowsChanged |= handle.attach(ShreddingDao.class).deleteAttachmentKeyGrants(submissionId) > 0;
            // a whole submission shredded (a withdrawal): its transcripts and translations go with it
            rowsChanged |= handle.attach(ShreddingDao.class).deleteTranscriptParts(submissionId) > 0;
        }
        return new Shredded(result, rowsChanged);
    }

    /** What {@link #shred} would find in one submission, inside the caller's transaction; writes nothing. */
    public EnvelopeShredder.Result inspect(Handle handle, String submissionId, Set<String> parts,
                                           boolean attachments) {
        SubmissionDao.EnvelopeLocation at = handle.attach(SubmissionDao.class).envelope(submissionId)
                .orElseThrow(() -> new IllegalStateException("No stored submission " + submissionId));
        return EnvelopeShredder.shred(read(at), parts, attachments);
    }

    /**
     * SQLite: after a commit that shredded rows, copies the whole write-ahead log into the database file and
     * truncates the log (waiting up to the busy timeout for readers and the writer). Failing only logs: the next
     * checkpoint copies the log anyway, though the log file is then reused rather than truncated.
     */
    public void truncateLog() {
        if (database.dialect() != Database.Dialect.SQLITE) {
            return;
        }
        try {
            boolean busy = database.jdbi().withHandle(h -> h.createQuery("PRAGMA wal_checkpoint(TRUNCATE)")
                    .map((rs, ctx) -> rs.getInt(1) != 0).one());
            if (busy) {
                LOG.warn("The write-ahead log could not be truncated after shredding (busy); checkpoints copy it later");
            }
        } catch (RuntimeException e) {
            LOG.warn("Truncating the write-ahead log after shredding failed: {}", e.getClass().getSimpleName());
        }
    }

    private byte[] read(SubmissionDao.EnvelopeLocation at) {
        if (at.envelopeFile() == null) {
            return at.envelope().getBytes(StandardCharsets.UTF_8);
        }
        try {
            return files().read(ref(at));
        } catch (IOException e) {
            throw new UncheckedIOException("Reading an envelope to shred failed", e);
        }
    }

    private void overwrite(SubmissionDao.EnvelopeLocation at, byte[] bytes) {
        try {
            files().overwrite(ref(at), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Overwriting an envelope in its file failed", e);
        }
    }

    private EnvelopeFiles files() {
        if (envelopeFiles == null) {
            throw new IllegalStateException("Submission stored in an envelope file, but none is open");
        }
        return envelopeFiles;
    }

    private static EnvelopeFiles.Ref ref(SubmissionDao.EnvelopeLocation at) {
        return new EnvelopeFiles.Ref(at.envelopeFile(), at.envelopeOffset(), at.envelopeLength());
    }
}
