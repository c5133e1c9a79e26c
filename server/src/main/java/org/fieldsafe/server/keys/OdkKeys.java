package org.fieldsafe.server.keys;

import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.fieldsafe.core.crypto.CryptoException;
import org.fieldsafe.core.crypto.Digests;
import org.fieldsafe.core.crypto.PasswordHasher;
import org.fieldsafe.core.crypto.odk.OdkRsaKeys;
import org.fieldsafe.core.util.Base64Fields;
import org.fieldsafe.core.wire.Manifest;
import org.fieldsafe.core.wire.StudyKeysRequest;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.problems.ProblemException;
import org.fieldsafe.server.storage.CompiledStudy;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.StudyStore;

/**
 * The study's RSA key pair for ODK encryption ({@code admin keys odk}): made on the admin's machine, its public key
 * (X.509 SubjectPublicKeyInfo, base64) goes into every XForm as {@code base64RsaPublicKey}; its private key reaches
 * the server only as a research key holder's pending copy (purpose {@value StudyKeyService#ODK}), which they claim
 * with {@code keys passphrase} and share with {@code keys grant} like the other study keys. Set once per study,
 * after {@code keys init}.
 */
public final class OdkKeys {
    public static final String ALGORITHM = "RSA-2048";
    private static final int MAX_WRAPPED_CHARS = 8192;

    private final Database database;
    private final StudyStore studies;
    private final AuditLog audit;
    private final Clock clock;
    private final PasswordHasher.Cost minimumCost;
    private final KeyHolderRoles roles = new KeyHolderRoles();

    public OdkKeys(Database database, StudyStore studies, AuditLog audit, Clock clock, PasswordHasher.Cost minimumCost) {
        this.database = database;
        this.studies = studies;
        this.audit = audit;
        this.clock = clock;
        this.minimumCost = minimumCost;
    }

    /**
     * Stores the study's ODK key with its first holder's pending copy. 422 naming the first invalid field; 409
     * {@code study-keys-missing} before {@code keys init}, {@code odk-key-exists} when set already. Audited
     * {@code study.odk-key.created} and {@code key.holder.granted}.
     */
    public Manifest.StudyKey create(String actor, String studyId, StudyKeysRequest.Key key) {
        CompiledStudy study = studies.current(studyId);
        validate(key);
        Instant now = Instant.ofEpochMilli(clock.millis());
        StudyKeyRow row = new StudyKeyRow(study.id(), StudyKeyService.ODK, ALGORITHM, key.publicKey(),
                key.fingerprint(), StudyKeyService.NO_SHARED_COPY, actor, now);
        AddedKeys.store(database, audit, roles, study, row, key, actor, now, "ODK");
        return new Manifest.StudyKey(row.purpose(), row.algorithm(), row.publicKey(), row.fingerprint());
    }

    /** The form's {@code base64RsaPublicKey}, once the study has an ODK key. */
    public Optional<Manifest.StudyKey> publicKey(String studyId) {
        return database.read(h -> h.attach(StudyKeyDao.class).find(studyId, StudyKeyService.ODK))
                .map(r -> new Manifest.StudyKey(r.purpose(), r.algorithm(), r.publicKey(), r.fingerprint()));
    }

    private void validate(StudyKeysRequest.Key key) {
        if (key == null) {
            throw invalid("key");
        }
        if (key.purpose() != null && !StudyKeyService.ODK.equals(key.purpose())) {
            throw invalid("purpose");
        }
        if (!ALGORITHM.equals(key.algorithm())) {
            throw invalid("algorithm");
        }
        byte[] spki = Base64Fields.decodeOrNull(key.publicKey());
        try {
            if (spki == null || !(OdkRsaKeys.publicKey(spki) instanceof RSAPublicKey rsa)
                    || rsa.getModulus().bitLength() != OdkRsaKeys.KEY_BITS) {
                throw invalid("publicKey");
            }
        } catch (CryptoException e) {
            throw invalid("publicKey");
        }
        if (!Digests.sha256Hex(spki).equals(key.fingerprint())) {
            throw invalid("fingerprint");
        }
        if (key.wrappedPrivateKey() == null || key.wrappedPrivateKey().length() > MAX_WRAPPED_CHARS
                || !StudyKeyService.wrappedAtLeast(key.wrappedPrivateKey(), minimumCost)) {
            throw invalid("wrappedPrivateKey");
        }
    }

    private static ProblemException invalid(String field) {
        return ProblemException.invalidField("odk-key-invalid", "ODK key not valid", field);
    }
}
