package org.fieldsafe.server.keys;

import java.time.Instant;
import java.util.List;
import org.fieldsafe.core.wire.StudyKeysRequest;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.auth.UserDao;
import org.fieldsafe.server.auth.UserRow;
import org.fieldsafe.server.problems.ProblemException;
import org.fieldsafe.server.storage.CompiledStudy;
import org.fieldsafe.server.storage.Database;

/**
 * Stores a study key added after {@code keys init} (the ODK key, the transcription key) with its first holder's
 * pending copy, in one transaction: 409 {@code study-keys-missing} before {@code keys init}, {@code <purpose>-key-exists}
 * when set already; 422 {@code <purpose>-key-invalid} naming {@code fingerprint} (already used) or {@code holder} (not
 * a person whose role may hold it). Audited {@code study.<purpose>-key.created} and {@code key.holder.granted}.
 */
final class AddedKeys {
    private AddedKeys() {
    }

    static void store(Database database, AuditLog audit, KeyHolderRoles roles, CompiledStudy study, StudyKeyRow row,
                      StudyKeysRequest.Key key, String actor, Instant now, String title) {
        String purpose = row.purpose();
        database.write(handle -> {
            StudyKeyDao dao = handle.attach(StudyKeyDao.class);
            if (dao.find(study.id(), StudyKeyService.RESEARCH).isEmpty()) {
                throw ProblemException.conflict("study-keys-missing", "Study keys missing",
                        "The study has no research key yet: run 'admin keys init' first.");
            }
            if (dao.find(study.id(), purpose).isPresent()) {
                throw ProblemException.conflict(purpose + "-key-exists", title + " key exists",
                        "The study has " + (title.startsWith("O") ? "an " : "a ") + title
                                + " key already; it cannot be replaced.");
            }
            if (dao.countFingerprints(List.of(key.fingerprint())) > 0) {
                throw invalid(purpose, title, "fingerprint");
            }
            String role = key.holder() == null ? null
                    : handle.attach(UserDao.class).find(key.holder()).map(UserRow::role).orElse(null);
            if (role == null || !roles.allows(study, purpose, role)) {
                throw invalid(purpose, title, "holder");
            }
            dao.insert(row);
            handle.attach(KeyHolderDao.class).insert(new KeyHolderRow(study.id(), purpose, key.holder(),
                    KeyHolderRow.PENDING, key.wrappedPrivateKey(), actor, now));
            audit.append(handle, actor, "study." + purpose + "-key.created", "study:" + study.id() + " " + purpose
                    + ":" + key.fingerprint());
            audit.append(handle, actor, "key.holder.granted", "study:" + study.id() + " purpose:" + purpose + " key:"
                    + key.fingerprint() + " holder:" + key.holder() + " state:pending");
            return null;
        });
    }

    static ProblemException invalid(String purpose, String title, String field) {
        return ProblemException.invalidField(purpose + "-key-invalid", title + " key not valid", field);
    }
}
