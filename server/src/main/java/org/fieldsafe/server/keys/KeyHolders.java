package org.fieldsafe.server.keys;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.fieldsafe.core.crypto.Secrets;
import org.fieldsafe.core.wire.KeyGrant;
import org.fieldsafe.core.wire.KeyHolder;
import org.fieldsafe.server.problems.ProblemException;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Role;
import org.fieldsafe.server.storage.CompiledStudy;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.StudyStore;
import org.fieldsafe.server.auth.UserDao;
import org.fieldsafe.server.auth.UserRow;

/**
 * Who holds a copy of each study key (docs/sealing.md, "Key holders"). An existing holder adds one: their own copy is
 * unlocked with their passphrase for that request and the key is wrapped again, under a fresh one-time secret, as the
 * new holder's pending copy; the secret goes back to the granting holder once, and the new holder sets their own
 * passphrase with it. Removing a holder deletes their copy, never the last active one. All audited
 * ({@code key.holder.granted}, {@code key.holder.revoked}, {@code key.holder.revoke.denied}); no passphrase or
 * secret is ever logged or stored.
 */
public final class KeyHolders {
    private final Database database;
    private final StudyStore studies;
    private final KeyCustody custody;
    private final AuditLog audit;
    private final Clock clock;
    private final KeyHolderRoles roles = new KeyHolderRoles();

    public KeyHolders(Database database, StudyStore studies, KeyCustody custody, AuditLog audit, Clock clock) {
        this.database = database;
        this.studies = studies;
        this.custody = custody;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Adds {@code user} as a holder of the study's {@code purpose} key, by {@code who}, an active holder who unlocks
     * their copy with {@code passphrase} (the caller zeroes it).
     *
     * @throws ProblemException as {@link KeyCustody#unlock}; 422 {@code key-holder-invalid} when {@code user} is not
     *                          a person whose role holds the key; 409 {@code key-holder-exists} when they have a copy
     */
    public KeyGrant grant(String studyId, String purpose, String user, char[] passphrase, FieldsafePrincipal who) {
        String forWhat = "key.grant";
        StudyKeyRow row = custody.held(studyId, purpose, who, forWhat);
        KeyHolderRow own = custody.ownCopy(row, who, forWhat);
        CompiledStudy study = studies.current(row.studyId());
        String role = user == null ? null
                : database.read(h -> h.attach(UserDao.class).find(user)).map(UserRow::role).orElse(null);
        if (role == null || !roles.allows(study, purpose, role)) {
            throw ProblemException.invalidField("key-holder-invalid", "Not a possible key holder", "user");
        }
        if (database.read(h -> h.attach(KeyHolderDao.class).find(row.studyId(), purpose, user)).isPresent()) {
            throw exists(user, purpose);
        }
        String secret = Secrets.newToken();
        char[] secretChars = secret.toCharArray();
        String wrapped;
        try {
            wrapped = custody.rewrapNow(row, own.wrappedPrivateKey(), passphrase, secretChars, who, forWhat);
        } finally {
            Arrays.fill(secretChars, '\0');
        }
        database.write(handle -> {
            KeyHolderDao copies = handle.attach(KeyHolderDao.class);
            if (copies.find(row.studyId(), purpose, user).isPresent()) {
                throw exists(user, purpose);
            }
            copies.insert(new KeyHolderRow(row.studyId(), purpose, user, KeyHolderRow.PENDING, wrapped, who.actor(),
                    Instant.ofEpochMilli(clock.millis())));
            audit.append(handle, who.actor(), "key.holder.granted", "study:" + row.studyId() + " purpose:" + purpose
                    + " key:" + row.fingerprint() + " holder:" + user + " state:pending");
            return null;
        });
        return new KeyGrant(row.studyId(), purpose, user, row.fingerprint(), secret);
    }

    /**
     * Deletes {@code user}'s copy of the study's {@code purpose} key. Allowed to the admin and to the key's active
     * holders; 403 (audited) otherwise, 404 when {@code user} has no copy, 409 {@code last-key-holder} for the last
     * active copy (the key would be lost with it).
     */
    public void revoke(String studyId, String purpose, String user, FieldsafePrincipal who) {
        CompiledStudy study = studies.current(studyId);
        if (!StudyKeyService.HELD_PURPOSES.contains(purpose)) {
            throw ProblemException.notFound("Study key");
        }
        String subject = "study:" + study.id() + " purpose:" + purpose + " holder:" + user;
        boolean activeHolder = custody.holds(study, purpose, who) && database.read(h -> h.attach(KeyHolderDao.class)
                .find(study.id(), purpose, who.name())).filter(c -> !c.pending()).isPresent();
        if (who.isDevice() || !(who.role() == Role.ADMIN || activeHolder)) {
            audit.append(who.actor(), "key.holder.revoke.denied", subject);
            throw ProblemException.forbidden("key-not-held", "Not a key holder",
                    "Only the admin or a holder of the " + purpose + " key removes its holders.");
        }
        database.write(handle -> {
            KeyHolderDao copies = handle.attach(KeyHolderDao.class);
            KeyHolderRow copy = copies.find(study.id(), purpose, user)
                    .orElseThrow(() -> ProblemException.notFound("Key holder"));
            if (!copy.pending() && copies.countActive(study.id(), purpose) <= 1) {
                throw ProblemException.conflict("last-key-holder", "Last key holder",
                        "This is the last active copy of the " + purpose + " key; add another holder first.");
            }
            copies.delete(study.id(), purpose, user);
            audit.append(handle, who.actor(), "key.holder.revoked", subject + " state:" + copy.state());
            return null;
        });
    }

    /** Who holds a copy of which of the study's keys (no key material). */
    public List<KeyHolder> list(String studyId) {
        String study = studies.current(studyId).id();
        return database.read(h -> h.attach(KeyHolderDao.class).list(study)).stream()
                .map(r -> new KeyHolder(r.purpose(), r.username(), r.state(), r.grantedBy(), r.createdAt().toString()))
                .toList();
    }

    private static ProblemException exists(String user, String purpose) {
        return ProblemException.conflict("key-holder-exists", "Already a key holder",
                user + " holds a copy of the " + purpose + " key already.");
    }
}
