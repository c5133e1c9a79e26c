package org.fieldsafe.server.attachments;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldsafe.core.json.JsonMappers;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.Receipt;
import org.fieldsafe.server.problems.ProblemException;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.config.AttachmentsConfig;
import org.fieldsafe.server.keys.ReceiptKey;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.submissions.SubmissionDao;
import org.fieldsafe.server.submissions.SubmissionRow;
import org.fieldsafe.server.submissions.SubmissionStore;
import org.fieldsafe.server.submissions.WithdrawnRespondentException;
import org.jdbi.v3.core.Handle;

/**
 * Resumable uploads of sealed attachments (docs/sealing.md, "Attachments"; docs/api.md). The envelope comes first:
 * its {@code attachments} descriptor says what to expect. A chunk is appended only when it starts at the stored
 * length ({@code Upload-Offset}), in one durable write transaction; the last chunk also checks the SHA-256 of all
 * stored bytes against the descriptor (a mismatch discards the upload) and records the attachment, whose receipt
 * is then signed. Only the device that uploaded the envelope may upload or query its attachments.
 */
public final class AttachmentService {
    public static final String UPLOAD_OFFSET = "Upload-Offset";
    public static final String UPLOAD_LENGTH = "Upload-Length";
    /**
     * Answered on every attachment request: the largest chunk taken in one {@code PUT}, and the promise that the
     * bytes of a chunk cut short (a dropped connection) are kept up to where they stopped (docs/api.md).
     */
    public static final String UPLOAD_CHUNK_MAX = "Upload-Chunk-Max";
    /**
     * A chunk with a {@code Content-Length} is read and stored in pieces of at most this many bytes, each in its
     * own durable transaction, so a connection cut mid-chunk loses only the piece being read, which is stored too
     * when the read fails (BENCHMARKS.md, "Poor link, full workload").
     */
    static final int PIECE_BYTES = 64 * 1024;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d{1,18})-(\\d{1,18})/(\\d{1,18})");
    /** Reads the stored (already validated) envelope; strictness was applied when it was uploaded. */
    private static final ObjectMapper JSON = JsonMappers.lenient();

    private final Database database;
    private final SubmissionStore submissions;
    private final ReceiptKey receiptKey;
    private final AuditLog audit;
    private final Clock clock;
    private final AttachmentsConfig config;

    public AttachmentService(Database database, SubmissionStore submissions, ReceiptKey receiptKey, AuditLog audit,
                             Clock clock, AttachmentsConfig config) {
        this.database = database;
        this.submissions = submissions;
        this.receiptKey = receiptKey;
        this.audit = audit;
        this.clock = clock;
        this.config = config;
    }

    /** Where an upload stands: bytes stored, the sealed size expected, and the receipt once complete. */
    public record Progress(String submissionId, String name, long offset, long length, boolean complete) {
    }

    /** The answer to a chunk: {@code receipt} set when this or an earlier request completed the attachment. */
    public record Put(long offset, long length, Receipt receipt, boolean created) {
    }

    public Progress progress(FieldsafePrincipal principal, String submissionId, String name) {
        Envelope.Attachment descriptor = descriptor(principal, submissionId, name);
        return database.read(h -> {
            AttachmentDao dao = h.attach(AttachmentDao.class);
            boolean complete = dao.completedAt(submissionId, name).isPresent();
            long offset = complete ? descriptor.sealedBytes() : dao.storedLength(submissionId, name);
            return new Progress(submissionId, name, offset, descriptor.sealedBytes(), complete);
        });
    }

    /** The largest chunk taken in one {@code PUT} ({@link #UPLOAD_CHUNK_MAX}). */
    public long maxChunkBytes() {
        return config.maxChunkBytes();
    }

    /**
     * A chunk whose {@code Content-Length} is known ({@code contentLength} >= 0): checked against the descriptor
     * and {@code Content-Range} before a byte is read (a refusal writes nothing), then read and appended in pieces
     * of {@link #PIECE_BYTES}, each committed before the next is read. When the body ends early or its connection
     * fails, the bytes that arrived are stored and the request ends with 400 {@code chunk-cut-short} (which the
     * client, gone, rarely sees): the device resumes from the stored length. Without a length (a chunked body) the
     * whole body is read first, as {@link #put(FieldsafePrincipal, String, String, String, byte[])}.
     */
    public Put put(FieldsafePrincipal principal, String submissionId, String name, String contentRange,
                   long contentLength, InputStream body) {
        if (contentLength < 0) {
            byte[] whole;
            try {
                whole = body.readAllBytes();
            } catch (IOException e) {
                throw cutShort();
            }
            return put(principal, submissionId, name, contentRange, whole);
        }
        Envelope.Attachment descriptor = descriptor(principal, submissionId, name);
        long total = descriptor.sealedBytes();
        if (total > config.maxAttachmentBytes() || contentLength > config.maxChunkBytes()) {
            throw new AttachmentTooLargeException();
        }
        ContentRange range = checkedRange(contentRange, contentLength, total);
        byte[] buffer = new byte[(int) Math.max(1, Math.min(PIECE_BYTES, contentLength))];
        long position = range.start();
        while (position <= range.end()) {
            int want = (int) Math.min(buffer.length, range.end() + 1 - position);
            int got = 0;
            boolean cut = false;
            try {
                while (got < want) {
                    int n = body.read(buffer, got, want - got);
                    if (n < 0) {
                        cut = true;
                        break;
                    }
                    got += n;
                }
            } catch (IOException e) {
                cut = true; // the connection failed: keep what arrived
            }
            if (got > 0) {
                long from = position;
                byte[] piece = Arrays.copyOf(buffer, got);
                Put answer = answer(submissionId, name, descriptor, database.write(h -> append(h, principal.actor(),
                        submissionId, descriptor, from, from + piece.length - 1, piece)));
                if (answer.receipt() != null) {
                    return answer;
                }
                position = answer.offset();
            }
            if (cut) {
                throw cutShort();
            }
        }
        return new Put(position, total, null, false);
    }

    /** A chunk read whole (tests, and bodies sent without a {@code Content-Length}): one transaction. */
    public Put put(FieldsafePrincipal principal, String submissionId, String name, String contentRange,
                   byte[] body) {
        Envelope.Attachment descriptor = descriptor(principal, submissionId, name);
        long total = descriptor.sealedBytes();
        if (total > config.maxAttachmentBytes() || body.length > config.maxChunkBytes()) {
            throw new AttachmentTooLargeException();
        }
        ContentRange range = checkedRange(contentRange, body.length, total);
        return answer(submissionId, name, descriptor, database.write(h -> append(h, principal.actor(), submissionId,
                descriptor, range.start(), range.end(), body)));
    }

    /** The header's range, which must cover exactly {@code bodyLength} bytes of an attachment of {@code total}. */
    private static ContentRange checkedRange(String contentRange, long bodyLength, long total) {
        ContentRange range = parseContentRange(contentRange);
        long start = range.start();
        long end = range.end();
        if (end < start || end - start + 1 != bodyLength || range.total() != total || end >= total) {
            throw badRange();
        }
        return range;
    }

    private Put answer(String submissionId, String name, Envelope.Attachment descriptor, Outcome outcome) {
        long total = descriptor.sealedBytes();
        if (outcome instanceof Outcome.Conflict c) {
            throw new UploadOffsetMismatchException(c.offset());
        }
        if (outcome instanceof Outcome.Mismatch) {
            throw new AttachmentHashMismatchException();
        }
        if (outcome instanceof Outcome.Complete done) {
            return new Put(total, total, receiptKey.sign(receiptId(submissionId, name), descriptor.sha256(),
                    done.receivedAt()), done.created());
        }
        return new Put(((Outcome.Partial) outcome).offset(), total, null, false);
    }

    /** A chunk's {@code Content-Range} as sent: {@code bytes START-END/TOTAL}, not yet checked against anything. */
    record ContentRange(long start, long end, long total) {
    }

    /**
     * Reads a {@code Content-Range} header, {@code bytes START-END/TOTAL} (ASCII digits, at most 18 each, so every
     * number fits a long; white space around it ignored). Missing or of another form: the 400 content-range-invalid.
     */
    static ContentRange parseContentRange(String header) {
        Matcher m = header == null ? null : CONTENT_RANGE.matcher(header.trim());
        if (m == null || !m.matches()) {
            throw badRange();
        }
        return new ContentRange(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
    }

    /** The receipt's {@code submissionId} for an attachment: {@code <submissionId>/<name>}. */
    public static String receiptId(String submissionId, String name) {
        return submissionId + "/" + name;
    }

    private sealed interface Outcome {
        record Partial(long offset) implements Outcome {
        }

        record Conflict(long offset) implements Outcome {
        }

        record Mismatch() implements Outcome {
        }

        record Complete(Instant receivedAt, boolean created) implements Outcome {
        }
    }

    private Outcome append(Handle h, String actor, String submissionId, Envelope.Attachment descriptor, long start,
                           long end, byte[] body) {
        AttachmentDao dao = h.attach(AttachmentDao.class);
        String name = descriptor.name();
        Optional<Long> completed = dao.completedAt(submissionId, name);
        if (completed.isPresent()) {
            return new Outcome.Complete(Instant.ofEpochMilli(completed.get()), false);
        }
        long stored = dao.storedLength(submissionId, name);
        if (start != stored) {
            return new Outcome.Conflict(stored);
        }
        dao.insertChunk(submissionId, name, start, end + 1, Base64.getEncoder().encodeToString(body));
        if (end + 1 < descriptor.sealedBytes()) {
            return new Outcome.Partial(end + 1);
        }
        if (!sha256OfChunks(h, submissionId, name).equals(descriptor.sha256())) {
            dao.deleteChunks(submissionId, name);
            return new Outcome.Mismatch();
        }
        Instant now = Instant.ofEpochMilli(clock.millis());
        dao.insertCompleted(submissionId, name, descriptor.sha256(), descriptor.sealedBytes(), now.toEpochMilli());
        audit.append(h, actor, "attachment.received", "submission:" + submissionId + "/" + name);
        return new Outcome.Complete(now, true);
    }

    private static String sha256OfChunks(Handle h, String submissionId, String name) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Base64.Decoder b64 = Base64.getDecoder();
        h.createQuery("SELECT data FROM attachment_chunks WHERE submission_id = :id AND name = :name "
                        + "ORDER BY start_offset")
                .bind("id", submissionId).bind("name", name)
                .mapTo(String.class)
                .useIterator(chunks -> {
                    while (chunks.hasNext()) {
                        sha.update(b64.decode(chunks.next()));
                    }
                });
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The descriptor, or 404 when the envelope is not stored, is another device's, or has no such attachment. */
    private Envelope.Attachment descriptor(FieldsafePrincipal principal, String submissionId, String name) {
        Optional<SubmissionRow> row = submissions.find(submissionId);
        if (row.isEmpty() || principal.device() == null
                || !Objects.equals(row.get().deviceId(), principal.device().deviceId())) {
            throw notFound();
        }
        if (database.read(h -> h.attach(SubmissionDao.class).isWithdrawn(submissionId))) {
            // its attachments were shredded with it: the device deletes its copy, as for the envelope
            throw new WithdrawnRespondentException(receiptKey.signWithdrawal(submissionId));
        }
        Envelope envelope;
        try {
            envelope = JSON.readValue(submissions.envelope(submissionId).orElseThrow(AttachmentService::notFound),
                    Envelope.class);
        } catch (IOException e) {
            throw new IllegalStateException("a stored envelope is not readable", e);
        }
        if (envelope.attachments() == null) {
            throw notFound();
        }
        return envelope.attachments().stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(AttachmentService::notFound);
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("attachment-not-found", "Attachment not found",
                "No stored submission of this device announces this attachment; upload the envelope first.");
    }

    private static ProblemException cutShort() {
        return ProblemException.invalid("chunk-cut-short", "Chunk cut short",
                "The body ended before the end its Content-Range names; the bytes that arrived are stored: ask "
                        + "Upload-Offset (HEAD) and send the rest from there.");
    }

    private static ProblemException badRange() {
        return ProblemException.invalid("content-range-invalid", "Content-Range not valid",
                "Content-Range must be 'bytes START-END/TOTAL' with END-START+1 the body length and TOTAL the "
                        + "descriptor's sealedBytes.");
    }
}
