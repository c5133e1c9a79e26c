package org.fieldsafe.server.keys;

import java.time.Clock;
import java.util.Optional;
import org.fieldsafe.core.crypto.PasswordHasher;
import org.fieldsafe.core.crypto.StudyKeys;
import org.fieldsafe.core.wire.Manifest;
import org.fieldsafe.core.wire.StudyKeysRequest;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.StudyStore;

/**
 * The study's X25519 {@code transcription} key ({@code admin keys transcription}): made on the admin's machine like
 * the ODK key; transcripts and translations are sealed to it beside the research key, so transcribers read them
 * without the research key. Its private key reaches the server only as a transcriber's pending copy, claimed with
 * {@code keys passphrase} and shared with {@code keys grant}. It opens no envelope part and no export. Set once.
 */
public final class TranscriptionKeys {
    private final AddedKeys keys;

    public TranscriptionKeys(Database database, StudyStore studies, AuditLog audit, Clock clock,
                             PasswordHasher.Cost minimumCost) {
        this.keys = new AddedKeys(database, studies, audit, clock, minimumCost, new AddedKeys.Kind(
                StudyKeyService.TRANSCRIPTION, StudyKeyService.X25519, "Transcription",
                publicKey -> publicKey.length == StudyKeys.KEY_BYTES, StudyKeys::fingerprint));
    }

    /** Stores the key with its first holder's pending copy (problems as {@link AddedKeys}). */
    public Manifest.StudyKey create(String actor, String studyId, StudyKeysRequest.Key key) {
        return keys.create(actor, studyId, key);
    }

    /** The study's transcription public key, once it has one. */
    public Optional<Manifest.StudyKey> publicKey(String studyId) {
        return keys.publicKey(studyId);
    }
}
