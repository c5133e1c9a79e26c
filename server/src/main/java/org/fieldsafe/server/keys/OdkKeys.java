package org.fieldsafe.server.keys;

import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Optional;
import org.fieldsafe.core.crypto.CryptoException;
import org.fieldsafe.core.crypto.Digests;
import org.fieldsafe.core.crypto.PasswordHasher;
import org.fieldsafe.core.crypto.odk.OdkRsaKeys;
import org.fieldsafe.core.wire.Manifest;
import org.fieldsafe.core.wire.StudyKeysRequest;
import org.fieldsafe.server.audit.AuditLog;
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

    private final AddedKeys keys;

    public OdkKeys(Database database, StudyStore studies, AuditLog audit, Clock clock, PasswordHasher.Cost minimumCost) {
        this.keys = new AddedKeys(database, studies, audit, clock, minimumCost, new AddedKeys.Kind(StudyKeyService.ODK,
                ALGORITHM, "ODK", OdkKeys::rsa2048, Digests::sha256Hex));
    }

    /**
     * Stores the study's ODK key with its first holder's pending copy. 422 naming the first invalid field; 409
     * {@code study-keys-missing} before {@code keys init}, {@code odk-key-exists} when set already. Audited
     * {@code study.odk-key.created} and {@code key.holder.granted}.
     */
    public Manifest.StudyKey create(String actor, String studyId, StudyKeysRequest.Key key) {
        return keys.create(actor, studyId, key);
    }

    /** The form's {@code base64RsaPublicKey}, once the study has an ODK key. */
    public Optional<Manifest.StudyKey> publicKey(String studyId) {
        return keys.publicKey(studyId);
    }

    /** An X.509 SubjectPublicKeyInfo of an RSA key of {@link OdkRsaKeys#KEY_BITS} bits. */
    private static boolean rsa2048(byte[] spki) {
        try {
            return OdkRsaKeys.publicKey(spki) instanceof RSAPublicKey rsa
                    && rsa.getModulus().bitLength() == OdkRsaKeys.KEY_BITS;
        } catch (CryptoException e) {
            return false;
        }
    }
}
