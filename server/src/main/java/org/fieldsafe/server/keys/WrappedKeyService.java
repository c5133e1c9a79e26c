package org.fieldsafe.server.keys;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.server.ProblemException;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.storage.CompiledStudy;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.StudyStore;

/**
 * A study private key, still wrapped under its holder's passphrase, for a holder who keeps it offline
 * ({@code admin keys fetch}) and decrypts with the command line: the server never sees the passphrase or the
 * unwrapped key. Only the roles study.yaml's {@code key_holders} names for the purpose get it; every attempt,
 * given or refused, is audited.
 */
public final class WrappedKeyService {
    private final Database database;
    private final StudyStore studies;
    private final AuditLog audit;

    public WrappedKeyService(Database database, StudyStore studies, AuditLog audit) {
        this.database = database;
        this.studies = studies;
        this.audit = audit;
    }

    /** The key file's content; 403 (audited) for a caller whose role does not hold {@code purpose}. */
    public WrappedKeyFile fetch(FieldsafePrincipal who, String studyId, String purpose) {
        CompiledStudy compiled = studies.current(studyId);
        String subject = "study:" + compiled.id() + " purpose:" + purpose;
        if (!holds(compiled, purpose, who)) {
            audit.append(who.actor(), "key.wrapped.denied", subject + " role:" + who.role().wire());
            throw new ProblemException(403, "forbidden", "Forbidden",
                    "Only the holders of the " + (StudyKeyService.PURPOSES.contains(purpose) ? purpose : "named")
                            + " key (study.yaml key_holders) fetch it.");
        }
        StudyKeyRow row = database.read(h -> h.attach(StudyKeyDao.class).list(compiled.id())).stream()
                .filter(r -> r.purpose().equals(purpose)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Study key"));
        audit.append(who.actor(), "key.wrapped.fetched", subject + " fingerprint:" + row.fingerprint());
        return new WrappedKeyFile(WrappedKeyFile.FORMAT, row.studyId(), row.purpose(), row.algorithm(),
                row.publicKey(), row.fingerprint(), row.wrappedPrivateKey());
    }

    private static boolean holds(CompiledStudy compiled, String purpose, FieldsafePrincipal who) {
        if (who.isDevice() || !StudyKeyService.PURPOSES.contains(purpose)) {
            return false;
        }
        Study study = Study.fromCanonicalJson(compiled.canonicalJson().getBytes(StandardCharsets.UTF_8));
        List<String> roles = study.keyHolders() == null ? List.of() : study.keyHolders().getOrDefault(purpose,
                List.of());
        return roles.contains(who.role().wire());
    }

    /**
     * What {@code admin keys fetch} saves: the private key wrapped under the holder's passphrase (the JSON of
     * core {@code PassphraseCipher.Sealed}, bound to purpose and fingerprint) with its study and public key.
     */
    public record WrappedKeyFile(String format, String study, String purpose, String algorithm, String publicKey,
                                 String fingerprint, String wrappedPrivateKey) {
        public static final String FORMAT = "fieldsafe-wrapped-key/1";
    }
}
