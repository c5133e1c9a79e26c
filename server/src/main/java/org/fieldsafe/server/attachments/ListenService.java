package org.fieldsafe.server.attachments;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.fieldsafe.core.crypto.AttachmentSealing;
import org.fieldsafe.core.crypto.RecipientKey;
import org.fieldsafe.core.crypto.SealedPartException;
import org.fieldsafe.core.crypto.Secrets;
import org.fieldsafe.core.json.JsonMappers;
import org.fieldsafe.core.util.AudioContainer;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Role;
import org.fieldsafe.server.keys.KeyCustody;
import org.fieldsafe.server.keys.StudyKeyDao;
import org.fieldsafe.server.keys.StudyKeyRow;
import org.fieldsafe.server.keys.StudyKeyService;
import org.fieldsafe.server.keys.UnlockedKey;
import org.fieldsafe.server.problems.ProblemException;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.StudyStore;
import org.fieldsafe.server.submissions.SubmissionDao;
import org.fieldsafe.server.submissions.SubmissionRow;
import org.fieldsafe.server.submissions.SubmissionStore;

/**
 * Listening to a sealed recording in the console (docs/sealing.md, "Listening"): a key holder's passphrase unlocks
 * the study key for one request, which unwraps the recording's content key and is forgotten at once; the content
 * key of that one recording is then held in memory only, behind an opaque random ticket bound to the caller's
 * session, for {@link #TICKET_TTL} (or until logout). Each read of the ticket decrypts the asked range chunk by chunk
 * straight into the response: no plaintext is ever written to disk. Tickets are not stored anywhere; a restart
 * forgets them all.
 */
public final class ListenService {
    /** How long a ticket opens its recording. */
    public static final Duration TICKET_TTL = Duration.ofMinutes(10);
    /** Tickets one session may hold at once; a further one closes the oldest. */
    static final int TICKETS_PER_SESSION = 4;
    /** What the key is unlocked for in the audit log. */
    static final String PURPOSE = "attachment.listen";
    private static final ObjectMapper JSON = JsonMappers.lenient();

    private final Database database;
    private final StudyStore studies;
    private final SubmissionStore submissions;
    private final KeyCustody custody;
    private final AuditLog audit;
    private final Clock clock;
    private final Map<String, Held> tickets = new ConcurrentHashMap<>();

    public ListenService(Database database, StudyStore studies, SubmissionStore submissions, KeyCustody custody,
                         AuditLog audit, Clock clock) {
        this.database = database;
        this.studies = studies;
        this.submissions = submissions;
        this.custody = custody;
        this.audit = audit;
        this.clock = clock;
    }

    /** The answer to an unlock: the ticket (for the address only, never stored) and what it will stream. */
    public record Ticket(String ticket, String contentType, long bytes, Instant expiresAt) {
    }

    /** A ticket's recording, as {@link #recording} finds it for the streaming read. */
    public record Recording(String contentType, long bytes, Held held) {
    }

    /** What a ticket holds: whose session, which recording, and the recording's content key (in the opener). */
    public static final class Held {
        private final String tokenHash;
        private final String submissionId;
        private final String name;
        private final AttachmentSealing.ChunkOpener opener;
        private final String contentType;
        private final Instant expiresAt;

        Held(String tokenHash, String submissionId, String name, AttachmentSealing.ChunkOpener opener,
             String contentType, Instant expiresAt) {
            this.tokenHash = tokenHash;
            this.submissionId = submissionId;
            this.name = name;
            this.opener = opener;
            this.contentType = contentType;
            this.expiresAt = expiresAt;
        }
    }

    /**
     * Unlocks a recording for the caller's session with their copy of the study's research key.
     *
     * @param passphrase the caller's key passphrase; the caller zeroes it
     * @throws ProblemException 404 {@code attachment-not-found} for a submission or recording that is not stored
     *                          (or was withdrawn), as {@link KeyCustody#unlock} for the key (403 not a holder, 422 a
     *                          wrong passphrase, 429 too many), 422 {@code attachment-unopenable} when the key does
     *                          not open it
     */
    public Ticket unlock(FieldsafePrincipal who, String submissionId, String name, char[] passphrase) {
        if (passphrase == null || passphrase.length == 0) {
            throw ProblemException.invalidField("passphrase-missing", "Passphrase missing", "passphrase");
        }
        Stored stored = stored(who, submissionId, name);
        boolean transcriber = who.role() == Role.TRANSCRIBER;
        Envelope.Attachment attachment = transcriber ? granted(stored) : stored.attachment();
        AttachmentSealing.ChunkOpener opener;
        try (UnlockedKey key = custody.unlock(stored.row().studyId(), transcriber ? StudyKeyService.TRANSCRIPTION
                : StudyKeyService.RESEARCH, passphrase, who, PURPOSE)) {
            opener = AttachmentSealing.chunkOpener(stored.envelope().header(), attachment, key.fingerprint(),
                    key.privateKey());
        } catch (SealedPartException e) {
            throw unopenable();
        }
        return issue(who, stored, opener);
    }

    /**
     * Shares a recording with the study's transcribers: a research key holder's passphrase unwraps its content key,
     * which is wrapped again to the study's transcription key ({@link AttachmentSealing#rewrapKey}, bound to the same
     * header and descriptor) and stored; audited {@code attachment.granted}. Granting again replaces the grant.
     *
     * @throws ProblemException as {@link #unlock}; 409 {@code transcription-key-missing} when the study has none
     */
    public void grant(FieldsafePrincipal who, String submissionId, String name, char[] passphrase) {
        if (passphrase == null || passphrase.length == 0) {
            throw ProblemException.invalidField("passphrase-missing", "Passphrase missing", "passphrase");
        }
        if (who.role() == Role.TRANSCRIBER) {
            throw notAllowed(who, submissionId, name);
        }
        Stored stored = stored(who, submissionId, name);
        StudyKeyRow target = database.read(h -> h.attach(StudyKeyDao.class).find(stored.row().studyId(),
                StudyKeyService.TRANSCRIPTION)).orElseThrow(() -> ProblemException.conflict(
                "transcription-key-missing", "No transcription key", "The study has no transcription key yet "
                        + "(admin keys transcription)."));
        List<Envelope.WrappedKey> recipients;
        try (UnlockedKey key = custody.unlock(stored.row().studyId(), StudyKeyService.RESEARCH, passphrase, who,
                "attachment.grant")) {
            recipients = AttachmentSealing.rewrapKey(stored.envelope().header(), stored.attachment(),
                    key.fingerprint(), key.privateKey(), List.of(new RecipientKey(target.fingerprint(),
                            Base64.getDecoder().decode(target.publicKey()))));
        } catch (SealedPartException e) {
            throw unopenable();
        }
        String json;
        try {
            json = JSON.writeValueAsString(recipients);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        long now = clock.millis();
        database.write(h -> {
            h.createUpdate("DELETE FROM attachment_key_grants WHERE submission_id = :id AND name = :name AND "
                    + "purpose = :purpose").bind("id", submissionId).bind("name", name)
                    .bind("purpose", StudyKeyService.TRANSCRIPTION).execute();
            h.createUpdate("INSERT INTO attachment_key_grants (submission_id, name, purpose, recipients, granted_by, "
                            + "granted_at) VALUES (:id, :name, :purpose, :recipients, :by, :at)")
                    .bind("id", submissionId).bind("name", name).bind("purpose", StudyKeyService.TRANSCRIPTION)
                    .bind("recipients", json).bind("by", who.actor()).bind("at", now).execute();
            audit.append(h, who.actor(), "attachment.granted", "submission:" + submissionId + "/" + name
                    + " purpose:" + StudyKeyService.TRANSCRIPTION);
            return null;
        });
    }

    /** The descriptor with the grant's recipients (the transcription key); 409 {@code recording-not-shared}. */
    private Envelope.Attachment granted(Stored stored) {
        String json = database.read(h -> h.createQuery("SELECT recipients FROM attachment_key_grants WHERE "
                        + "submission_id = :id AND name = :name AND purpose = :purpose")
                .bind("id", stored.row().id()).bind("name", stored.attachment().name())
                .bind("purpose", StudyKeyService.TRANSCRIPTION).mapTo(String.class).findOne()).orElseThrow(() ->
                ProblemException.conflict("recording-not-shared", "Recording not shared yet", "A research key "
                        + "holder has not yet shared this recording with the study's transcription key."));
        Envelope.Attachment a = stored.attachment();
        try {
            return new Envelope.Attachment(a.name(), a.questionId(), a.chunks(), a.plaintextBytes(), a.sealedBytes(),
                    a.sha256(), a.noncePrefix(), JSON.readValue(json, new TypeReference<List<Envelope.WrappedKey>>() {
                    }));
        } catch (IOException e) {
            throw new IllegalStateException("a stored grant is not readable", e);
        }
    }

    private Ticket issue(FieldsafePrincipal who, Stored stored, AttachmentSealing.ChunkOpener opener) {
        String contentType;
        try {
            contentType = contentType(opener.open(0, sealed(stored.row().id(), stored.attachment().name(), 0,
                    opener.sealedLength(0))));
        } catch (SealedPartException | RuntimeException e) {
            opener.close();
            throw unopenable();
        }
        purge();
        Instant expires = clock.instant().plus(TICKET_TTL);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(Secrets.randomBytes(32));
        Held held = new Held(who.tokenHash(), stored.row().id(), stored.attachment().name(), opener, contentType,
                expires);
        List<Map.Entry<String, Held>> own = tickets.entrySet().stream()
                .filter(e -> e.getValue().tokenHash.equals(who.tokenHash()))
                .sorted(Comparator.comparing(e -> e.getValue().expiresAt)).toList();
        for (int i = 0; i <= own.size() - TICKETS_PER_SESSION; i++) {
            drop(own.get(i).getKey());
        }
        tickets.put(ticket, held);
        audit.append(who.actor(), "attachment.listen", "submission:" + stored.row().id() + "/"
                + stored.attachment().name());
        return new Ticket(ticket, contentType, stored.attachment().plaintextBytes(), expires);
    }

    /**
     * The recording a ticket opens, for the same session and the same submission and recording only; 404
     * {@code listen-ticket-unknown} otherwise (an unknown, expired or forgotten ticket says no more than that).
     */
    public Recording recording(FieldsafePrincipal who, String submissionId, String name, String ticket) {
        purge();
        Held held = ticket == null ? null : tickets.get(ticket);
        if (held == null || !Secrets.equal(held.tokenHash, who.tokenHash()) || !held.submissionId.equals(submissionId)
                || !held.name.equals(name)) {
            throw ProblemException.notFound("listen-ticket-unknown", "Listening ended",
                    "This listening ticket is unknown or has expired; unlock the recording again.");
        }
        return new Recording(held.contentType, held.opener.attachment().plaintextBytes(), held);
    }

    /**
     * Writes plaintext bytes {@code from} to {@code to} (inclusive) of a ticket's recording to {@code out}, opening
     * only the chunks that range touches, one at a time.
     *
     * @throws IOException when writing fails, or a stored chunk does not open (the response is then cut short)
     */
    public void write(Held held, long from, long to, OutputStream out) throws IOException {
        AttachmentSealing.ChunkOpener opener = held.opener;
        long chunkBytes = AttachmentSealing.CHUNK_BYTES;
        for (int index = (int) (from / chunkBytes); index <= (int) (to / chunkBytes); index++) {
            byte[] plain;
            try {
                plain = opener.open(index, sealed(held.submissionId, held.name, index, opener.sealedLength(index)));
            } catch (SealedPartException | IllegalStateException e) {
                throw new IOException("a chunk of the recording does not open", e);
            }
            long start = Math.max(from - index * chunkBytes, 0);
            long end = Math.min(to - index * chunkBytes, plain.length - 1L);
            out.write(plain, (int) start, (int) (end - start + 1));
            java.util.Arrays.fill(plain, (byte) 0);
        }
    }

    /** Forgets every ticket of a session (at logout). */
    public void forget(String tokenHash) {
        tickets.entrySet().stream().filter(e -> e.getValue().tokenHash.equals(tokenHash)).map(Map.Entry::getKey)
                .toList().forEach(this::drop);
    }

    /** How many tickets are held (tests). */
    int held() {
        purge();
        return tickets.size();
    }

    private void purge() {
        Instant now = clock.instant();
        tickets.entrySet().stream().filter(e -> !e.getValue().expiresAt.isAfter(now)).map(Map.Entry::getKey)
                .toList().forEach(this::drop);
    }

    private void drop(String ticket) {
        Held held = tickets.remove(ticket);
        if (held != null) {
            held.opener.close();
        }
    }

    private record Stored(SubmissionRow row, Envelope envelope, Envelope.Attachment attachment) {
    }

    /**
     * The stored, complete recording of a submission that is not withdrawn (404 otherwise), once {@code who} is
     * found to be a person whose role holds the study's research key (403 {@code listen-not-allowed} otherwise,
     * audited {@code attachment.listen.denied}).
     */
    private Stored stored(FieldsafePrincipal who, String submissionId, String name) {
        if (submissionId == null || name == null || !AttachmentSealing.NAME.matcher(name).matches()) {
            throw notFound();
        }
        // a role that can never listen is refused before it learns whether the submission exists
        if (who.isDevice() || who.role() != Role.TRANSCRIBER && studies.list().stream()
                .noneMatch(study -> custody.holds(study, StudyKeyService.RESEARCH, who))) {
            throw notAllowed(who, submissionId, name);
        }
        Optional<SubmissionRow> row = submissions.find(submissionId);
        if (row.isEmpty()) {
            throw notFound();
        }
        boolean transcriberOfSite = who.role() == Role.TRANSCRIBER && who.sites() != null
                && who.sites().contains(row.get().site());
        if (!transcriberOfSite && !custody.holds(studies.current(row.get().studyId()), StudyKeyService.RESEARCH,
                who)) {
            throw notAllowed(who, submissionId, name);
        }
        if (database.read(h -> h.attach(SubmissionDao.class).isWithdrawn(submissionId)
                || h.attach(AttachmentDao.class).completedAt(submissionId, name).isEmpty())) {
            throw notFound();
        }
        Envelope envelope;
        try {
            envelope = JSON.readValue(submissions.envelope(submissionId).orElseThrow(ListenService::notFound),
                    Envelope.class);
        } catch (IOException e) {
            throw new IllegalStateException("a stored envelope is not readable", e);
        }
        Envelope.Attachment attachment = envelope.attachments() == null ? null : envelope.attachments().stream()
                .filter(a -> a.name().equals(name)).findFirst().orElse(null);
        if (attachment == null) {
            throw notFound();
        }
        return new Stored(row.get(), envelope, attachment);
    }

    /** The sealed bytes of chunk {@code index}, spliced from the stored upload chunks it overlaps. */
    private byte[] sealed(String submissionId, String name, int index, long length) {
        return StoredChunks.sealed(database, submissionId, name, AttachmentSealing.ChunkOpener.sealedOffset(index),
                length);
    }

    /** The recording's media type from its first bytes ({@link AudioContainer}). */
    static String contentType(byte[] head) {
        return AudioContainer.of(head).mediaType();
    }

    private ProblemException notAllowed(FieldsafePrincipal who, String submissionId, String name) {
        audit.append(who.actor(), "attachment.listen.denied", "submission:" + submissionId + "/" + name);
        return ProblemException.forbidden("listen-not-allowed", "Not allowed to listen",
                "Only a research key holder, or a transcriber of the interview's site, may open this recording.");
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("attachment-not-found", "Recording not found",
                "No stored recording of this name belongs to this submission.");
    }

    private static ProblemException unopenable() {
        return ProblemException.unprocessable("attachment-unopenable", "Recording does not open",
                "The key does not open this recording.");
    }
}
