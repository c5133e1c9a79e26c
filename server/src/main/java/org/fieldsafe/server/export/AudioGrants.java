package org.fieldsafe.server.export;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.fieldsafe.core.wire.AudioGrant;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Role;
import org.fieldsafe.server.auth.UserDao;
import org.fieldsafe.server.auth.UserRow;
import org.fieldsafe.server.problems.ProblemException;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.StudyStore;
import org.jdbi.v3.core.Handle;

/**
 * Audio in QDPX exports (docs/export.md, "Audio"): recordings carry voices, which identify, so only a principal
 * investigator lets one named user - a data manager, or herself - include a study's recordings in QDPX exports, for a
 * reason from a fixed list, until an expiry of at most {@link #MAX_DAYS} days or a revocation. Unlike a stable-code
 * grant it is not spent: every export of the grantee while it is live may carry audio. Every grant, refusal,
 * revocation and use is audited by grant id, user id and reason code.
 */
public final class AudioGrants {
    /** The longest a grant may run. */
    public static final int MAX_DAYS = 30;
    /** Why recordings are needed in an export: codes, never free text (the reason goes into the audit log). */
    public static final List<String> REASONS = List.of("transcript_verification", "speech_analysis",
            "data_correction");
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Database database;
    private final StudyStore studies;
    private final AuditLog audit;
    private final Clock clock;

    public AudioGrants(Database database, StudyStore studies, AuditLog audit, Clock clock) {
        this.database = database;
        this.studies = studies;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A new grant for {@code grantee} (a data manager, or the caller), valid for {@code days} days; principal
     * investigators only (others: 403, audited {@code export.audio.grant.denied}); 422 {@code audio-grant-invalid}
     * naming the field for an unknown or unsuitable user, a reason not in {@link #REASONS} or days outside 1 to
     * {@link #MAX_DAYS}.
     */
    public AudioGrant grant(FieldsafePrincipal who, String studyId, String grantee, String reason, Integer days) {
        requirePi(who, studyId, "grant");
        String study = studies.current(studyId).id();
        if (grantee == null || !USERNAME.matcher(grantee).matches() || !grantable(who, grantee)) {
            throw invalid("user");
        }
        if (reason == null || !REASONS.contains(reason)) {
            throw invalid("reason");
        }
        if (days == null || days < 1 || days > MAX_DAYS) {
            throw invalid("days");
        }
        Instant now = now();
        AudioGrantRow row = new AudioGrantRow(UUID.randomUUID().toString(), study, grantee, reason, who.actor(), now,
                now.plus(Duration.ofDays(days)), null, null);
        database.write(handle -> {
            handle.attach(AudioGrantDao.class).insert(row);
            audit.append(handle, who.actor(), "export.audio.granted", "study:" + study + " grant:" + row.id()
                    + " user:" + grantee + " reason:" + reason + " expires:" + row.expiresAt());
            return null;
        });
        return info(row, now);
    }

    /** The study's grants, newest first, with their state (principal investigators only: the resource says so). */
    public List<AudioGrant> list(String studyId) {
        String study = studies.current(studyId).id();
        Instant now = now();
        return database.read(handle -> handle.attach(AudioGrantDao.class).forStudy(study)).stream()
                .map(row -> info(row, now)).toList();
    }

    private static AudioGrant info(AudioGrantRow row, Instant now) {
        return new AudioGrant(row.id(), row.studyId(), row.grantee(), row.reason(), row.grantedBy(), row.grantedAt(),
                row.expiresAt(), row.revokedAt() != null ? "revoked" : row.live(now) ? "live" : "expired",
                row.revokedBy(), row.revokedAt());
    }

    /**
     * Revokes a grant of the study (principal investigators only: others 403, audited); 404 for an unknown grant or
     * one of another study, 409 {@code audio-grant-revoked} when it was revoked already. Exports already running
     * finish as they started.
     */
    public void revoke(FieldsafePrincipal who, String studyId, String grantId) {
        requirePi(who, studyId, "revoke");
        String study = studies.current(studyId).id();
        if (grantId == null || !ID.matcher(grantId).matches()) {
            throw ProblemException.notFound("Audio grant");
        }
        database.write(handle -> {
            AudioGrantDao dao = handle.attach(AudioGrantDao.class);
            AudioGrantRow row = dao.find(grantId).filter(r -> r.studyId().equals(study))
                    .orElseThrow(() -> ProblemException.notFound("Audio grant"));
            if (dao.revoke(row.id(), who.actor(), now()) != 1) {
                throw ProblemException.conflict("audio-grant-revoked", "Audio grant revoked already",
                        "This audio grant was revoked already.");
            }
            audit.append(handle, who.actor(), "export.audio.revoked", "study:" + study + " grant:" + row.id()
                    + " user:" + row.grantee());
            return null;
        });
    }

    /**
     * Whom the principal investigator {@code who} may name in a grant (the console's choice): the enabled data
     * managers and herself, user ids sorted; 404 for an unknown study. The resource admits principal investigators.
     */
    public List<String> grantees(FieldsafePrincipal who, String studyId) {
        studies.current(studyId);
        List<String> managers = database.read(handle ->
                handle.attach(UserDao.class).enabledByRole(Role.DATA_MANAGER.wire()));
        TreeSet<String> ids = new TreeSet<>(managers);
        ids.add(who.actor());
        return List.copyOf(ids);
    }

    /** The newest live grant of {@code who} for {@code studyId}, inside the caller's transaction; empty when none. */
    public Optional<AudioGrantRow> live(Handle handle, FieldsafePrincipal who, String studyId) {
        return handle.attach(AudioGrantDao.class).live(studyId, who.actor(), now()).stream().findFirst();
    }

    /** The newest live grant of {@code who} for {@code studyId}; empty when none. */
    public Optional<AudioGrantRow> live(FieldsafePrincipal who, String studyId) {
        return database.read(handle -> live(handle, who, studyId));
    }

    private boolean grantable(FieldsafePrincipal who, String grantee) {
        if (grantee.equals(who.actor())) {
            return true;
        }
        Optional<UserRow> user = database.read(handle -> handle.attach(UserDao.class).find(grantee));
        return user.filter(u -> Role.DATA_MANAGER.wire().equals(u.role()) && u.disabledAt() == null).isPresent();
    }

    private void requirePi(FieldsafePrincipal who, String studyId, String what) {
        if (who.role() != Role.PRINCIPAL_INVESTIGATOR) {
            audit.append(who.actor(), "export.audio.grant.denied", DeniedSubject.of(studyId, who, what));
            throw ProblemException.forbidden("forbidden", "Forbidden",
                    "Only a principal investigator grants or revokes audio in exports.");
        }
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }

    private static ProblemException invalid(String field) {
        return ProblemException.invalidField("audio-grant-invalid", "Audio grant not valid", field);
    }
}
