package org.fieldsafe.server.keys;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.fieldsafe.core.crypto.PasswordHasher;
import org.fieldsafe.core.crypto.StudyKeys;
import org.fieldsafe.core.util.Base64Fields;
import org.fieldsafe.core.wire.Manifest;
import org.fieldsafe.core.wire.StudyKeysRequest;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.problems.ProblemException;
import org.fieldsafe.server.storage.CompiledStudy;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.StudyStore;

/**
 * The study's X25519 {@code transcription} key ({@code admin keys transcription}): made on the admin's machine like
 * the ODK key; transcripts and translations are sealed to it beside the research key, so transcribers read them
 * without the research key. Its private key reaches the server only as a transcriber's pending copy, claimed with
 * {@code keys passphrase} and shared with {@code keys grant}. It opens no envelope part and no export. Set once.
 */
public final class TranscriptionKeys {
    private static final int MAX_WRAPPED_CHARS = 8192;

    private final Database database;
    private final StudyStore studies;
    private final AuditLog audit;
    private final Clock clock;
    private final PasswordHasher.Cost minimumCost;
    private final KeyHolderRoles roles = new KeyHolderRoles();

    public TranscriptionKeys(Database database, StudyStore studies, AuditLog audit, Clock clock,
                             PasswordHasher.Cost minimumCost) {
        this.database = database;
        this.studies = studies;
        this.audit = audit;
        this.clock = clock;
        this.minimumCost = minimumCost;
    }

    /** Stores the key with its first holder's pending copy (problems as {@link AddedKeys#store}). */
    public Manifest.StudyKey create(String actor, String studyId, StudyKeysRequest.Key key) {
        CompiledStudy study = studies.current(studyId);
        validate(key);
        Instant now = Instant.ofEpochMilli(clock.millis());
        StudyKeyRow row = new StudyKeyRow(study.id(), StudyKeyService.TRANSCRIPTION, StudyKeyService.X25519,
                key.publicKey(), key.fingerprint(), StudyKeyService.NO_SHARED_COPY, actor, now);
        AddedKeys.store(database, audit, roles, study, row, key, actor, now, "Transcription");
        return new Manifest.StudyKey(row.purpose(), row.algorithm(), row.publicKey(), row.fingerprint());
    }

    /** The study's transcription public key, once it has one. */
    public Optional<Manifest.StudyKey> publicKey(String studyId) {
        return database.read(h -> h.attach(StudyKeyDao.class).find(studyId, StudyKeyService.TRANSCRIPTION))
                .map(r -> new Manifest.StudyKey(r.purpose(), r.algorithm(), r.publicKey(), r.fingerprint()));
    }

    private void validate(StudyKeysRequest.Key key) {
        if (key == null) {
            throw invalid("key");
        }
        if (key.purpose() != null && !StudyKeyService.TRANSCRIPTION.equals(key.purpose())) {
            throw invalid("purpose");
        }
        if (!StudyKeyService.X25519.equals(key.algorithm())) {
            throw invalid("algorithm");
        }
        byte[] publicKey = Base64Fields.decodeOrNull(key.publicKey());
        if (publicKey == null || publicKey.length != StudyKeys.KEY_BYTES) {
            throw invalid("publicKey");
        }
        if (!StudyKeys.fingerprint(publicKey).equals(key.fingerprint())) {
            throw invalid("fingerprint");
        }
        if (key.wrappedPrivateKey() == null || key.wrappedPrivateKey().length() > MAX_WRAPPED_CHARS
                || !StudyKeyService.wrappedAtLeast(key.wrappedPrivateKey(), minimumCost)) {
            throw invalid("wrappedPrivateKey");
        }
    }

    private static ProblemException invalid(String field) {
        return AddedKeys.invalid(StudyKeyService.TRANSCRIPTION, "Transcription", field);
    }
}
