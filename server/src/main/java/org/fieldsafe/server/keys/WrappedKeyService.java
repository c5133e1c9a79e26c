package org.fieldsafe.server.keys;

import org.fieldsafe.core.wire.WrappedKeyFile;
import org.fieldsafe.server.problems.ProblemException;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.storage.CompiledStudy;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.StudyStore;

/**
 * The caller's own copy of a study private key, still wrapped under their own passphrase, for a holder who keeps it
 * offline ({@code admin keys fetch}) and decrypts with the command line: the fetch sends no passphrase and the server
 * unwraps nothing. Only a person whose role study.yaml's {@code key_holders} names for the purpose and who holds an
 * active copy gets it; every attempt, given or refused, is audited.
 */
public final class WrappedKeyService {
    private final Database database;
    private final StudyStore studies;
    private final AuditLog audit;
    private final KeyCustody custody;

    public WrappedKeyService(Database database, StudyStore studies, AuditLog audit, KeyCustody custody) {
        this.database = database;
        this.custody = custody;
        this.studies = studies;
        this.audit = audit;
    }

    /** The key file's content; 403 (audited) for a caller whose role does not hold {@code purpose}. */
    public WrappedKeyFile fetch(FieldsafePrincipal who, String studyId, String purpose) {
        CompiledStudy compiled = studies.current(studyId);
        String subject = "study:" + compiled.id() + " purpose:" + purpose;
        if (!holds(compiled, purpose, who)) {
            audit.append(who.actor(), "key.wrapped.denied", subject + " role:" + who.role().wire());
            throw ProblemException.forbidden("forbidden", "Forbidden",
                    "Only the holders of the " + (StudyKeyService.HELD_PURPOSES.contains(purpose) ? purpose : "named")
                            + " key (study.yaml key_holders) fetch it.");
        }
        StudyKeyRow row = database.read(h -> h.attach(StudyKeyDao.class).find(compiled.id(), purpose))
                .orElseThrow(() -> ProblemException.notFound("Study key"));
        KeyHolderRow copy = custody.ownCopy(row, who, "key.fetch");
        audit.append(who.actor(), "key.wrapped.fetched", subject + " fingerprint:" + row.fingerprint());
        return new WrappedKeyFile(WrappedKeyFile.FORMAT, row.studyId(), row.purpose(), row.algorithm(),
                row.publicKey(), row.fingerprint(), copy.wrappedPrivateKey());
    }

    private boolean holds(CompiledStudy compiled, String purpose, FieldsafePrincipal who) {
        return StudyKeyService.HELD_PURPOSES.contains(purpose) && custody.holds(compiled, purpose, who);
    }
}
