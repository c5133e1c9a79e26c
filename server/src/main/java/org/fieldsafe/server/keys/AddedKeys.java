package org.fieldsafe.server.keys;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.fieldsafe.core.crypto.PasswordHasher;
import org.fieldsafe.core.util.Base64Fields;
import org.fieldsafe.core.wire.Manifest;
import org.fieldsafe.core.wire.StudyKeysRequest;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.auth.UserDao;
import org.fieldsafe.server.auth.UserRow;
import org.fieldsafe.server.problems.ProblemException;
import org.fieldsafe.server.storage.CompiledStudy;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.StudyStore;

/**
 * A study key added after {@code keys init} (the ODK key, the transcription key), one instance per purpose: checks a
 * new key ({@link Kind}: its purpose, algorithm, how its public key is read and fingerprinted) and stores it with its
 * first holder's pending copy, in one transaction: 409 {@code study-keys-missing} before {@code keys init}, {@code <purpose>-key-exists}
 * when set already; 422 {@code <purpose>-key-invalid} naming {@code fingerprint} (already used) or {@code holder} (not
 * a person whose role may hold it). Audited {@code study.<purpose>-key.created} and {@code key.holder.granted}.
 */
final class AddedKeys {
    private static final int MAX_WRAPPED_CHARS = 8192;

    /**
     * What sets one added key apart: its purpose, algorithm and title (in problems), whether a decoded public key is
     * one of its kind, and its fingerprint.
     */
    record Kind(String purpose, String algorithm, String title, Predicate<byte[]> publicKeyValid,
                Function<byte[], String> fingerprint) {
    }

    private final Database database;
    private final StudyStore studies;
    private final AuditLog audit;
    private final Clock clock;
    private final PasswordHasher.Cost minimumCost;
    private final Kind kind;
    private final KeyHolderRoles roles = new KeyHolderRoles();

    AddedKeys(Database database, StudyStore studies, AuditLog audit, Clock clock, PasswordHasher.Cost minimumCost,
              Kind kind) {
        this.database = database;
        this.studies = studies;
        this.audit = audit;
        this.clock = clock;
        this.minimumCost = minimumCost;
        this.kind = kind;
    }

    /** Stores the key with its first holder's pending copy; 422 naming the first invalid field. */
    Manifest.StudyKey create(String actor, String studyId, StudyKeysRequest.Key key) {
        CompiledStudy study = studies.current(studyId);
        validate(key);
        Instant now = Instant.ofEpochMilli(clock.millis());
        StudyKeyRow row = new StudyKeyRow(study.id(), kind.purpose(), kind.algorithm(), key.publicKey(),
                key.fingerprint(), StudyKeyService.NO_SHARED_COPY, actor, now);
        store(study, row, key, actor, now);
        return new Manifest.StudyKey(row.purpose(), row.algorithm(), row.publicKey(), row.fingerprint());
    }

    /** The study's public key of this purpose, once it has one. */
    Optional<Manifest.StudyKey> publicKey(String studyId) {
        return database.read(h -> h.attach(StudyKeyDao.class).find(studyId, kind.purpose()))
                .map(r -> new Manifest.StudyKey(r.purpose(), r.algorithm(), r.publicKey(), r.fingerprint()));
    }

    private void validate(StudyKeysRequest.Key key) {
        if (key == null) {
            throw invalid("key");
        }
        if (key.purpose() != null && !kind.purpose().equals(key.purpose())) {
            throw invalid("purpose");
        }
        if (!kind.algorithm().equals(key.algorithm())) {
            throw invalid("algorithm");
        }
        byte[] publicKey = Base64Fields.decodeOrNull(key.publicKey());
        if (publicKey == null || !kind.publicKeyValid().test(publicKey)) {
            throw invalid("publicKey");
        }
        if (!kind.fingerprint().apply(publicKey).equals(key.fingerprint())) {
            throw invalid("fingerprint");
        }
        if (key.wrappedPrivateKey() == null || key.wrappedPrivateKey().length() > MAX_WRAPPED_CHARS
                || !StudyKeyService.wrappedAtLeast(key.wrappedPrivateKey(), minimumCost)) {
            throw invalid("wrappedPrivateKey");
        }
    }

    private ProblemException invalid(String field) {
        return invalid(kind.purpose(), kind.title(), field);
    }

    private void store(CompiledStudy study, StudyKeyRow row, StudyKeysRequest.Key key, String actor, Instant now) {
        String purpose = row.purpose();
        String title = kind.title();
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
