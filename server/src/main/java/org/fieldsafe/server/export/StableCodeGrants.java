package org.fieldsafe.server.export;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fieldsafe.server.problems.ProblemException;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Role;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.StudyStore;
import org.jdbi.v3.core.Handle;

/**
 * Stable respondent codes in an export: only a principal investigator grants them, for a reason from a fixed list,
 * as a single-use grant valid for {@link #VALIDITY}; a data manager's export names the grant and spends it. Every
 * grant, refusal and use is audited (by grant id and reason code, never a respondent code).
 */
public final class StableCodeGrants {
    /** How long a grant can be used. */
    public static final Duration VALIDITY = Duration.ofHours(24);
    /** Why stable codes are needed: codes, never free text (the reason goes into the audit log). */
    public static final List<String> REASONS = List.of("follow_up", "data_linkage", "data_correction", "withdrawal");

    private final Database database;
    private final StudyStore studies;
    private final AuditLog audit;
    private final Clock clock;

    public StableCodeGrants(Database database, StudyStore studies, AuditLog audit, Clock clock) {
        this.database = database;
        this.studies = studies;
        this.audit = audit;
        this.clock = clock;
    }

    /** A new grant (principal investigators only; other callers are refused with 403 and audited). */
    public StableCodeGrant grant(FieldsafePrincipal who, String studyId, String reason) {
        if (who.role() != Role.PRINCIPAL_INVESTIGATOR) {
            audit.append(who.actor(), "export.stable_codes.denied", DeniedSubject.of(studyId, who, "grant"));
            throw ProblemException.forbidden("forbidden", "Forbidden",
                    "Only a principal investigator grants stable codes.");
        }
        String study = studies.current(studyId).id();
        if (reason == null || !REASONS.contains(reason)) {
            throw ProblemException.invalidField("grant-invalid", "Grant not valid", "reason");
        }
        Instant now = Instant.ofEpochMilli(clock.millis());
        StableCodeGrantRow row = new StableCodeGrantRow(UUID.randomUUID().toString(), study, reason, who.actor(), now,
                now.plus(VALIDITY), null, null, null);
        database.write(handle -> {
            handle.attach(StableCodeGrantDao.class).insert(row);
            audit.append(handle, who.actor(), "export.stable_codes.granted", "study:" + study + " grant:" + row.id()
                    + " reason:" + reason);
            return null;
        });
        return new StableCodeGrant(row.id(), study, reason, row.expiresAt());
    }

    /** The study's grants, newest first, with their state (principal investigators only: the resource says so). */
    public List<GrantInfo> list(String studyId) {
        String study = studies.current(studyId).id();
        Instant now = Instant.ofEpochMilli(clock.millis());
        return database.read(handle -> handle.attach(StableCodeGrantDao.class).forStudy(study)).stream()
                .map(row -> new GrantInfo(row.id(), row.studyId(), row.reason(), row.grantedBy(), row.grantedAt(),
                        row.expiresAt(), row.usedAt() != null ? "used" : now.isBefore(row.expiresAt()) ? "usable"
                        : "expired", row.usedAt(), row.exportId()))
                .toList();
    }

    /**
     * Checks, inside the caller's write transaction, that {@code grantId} is an unused, unexpired grant of
     * {@code studyId}, marks it used by {@code exportId} and audits {@code export.stable_codes}; else a 422
     * problem (the caller's transaction rolls back, so nothing is written).
     */
    public void spend(Handle handle, String grantId, String studyId, FieldsafePrincipal who, String exportId) {
        check(handle, grantId, studyId);
        Instant now = Instant.ofEpochMilli(clock.millis());
        if (handle.attach(StableCodeGrantDao.class).use(grantId, who.actor(), now, exportId) != 1) {
            throw unusable();
        }
        audit.append(handle, who.actor(), "export.stable_codes", "study:" + studyId + " export:" + exportId
                + " grant:" + grantId);
    }

    /** Checks that {@code grantId} is an unused, unexpired grant of {@code studyId}, without spending it. */
    public void check(Handle handle, String grantId, String studyId) {
        Instant now = Instant.ofEpochMilli(clock.millis());
        StableCodeGrantRow row = handle.attach(StableCodeGrantDao.class).find(grantId).orElseThrow(
                StableCodeGrants::unusable);
        if (!row.studyId().equals(studyId) || row.usedAt() != null || !now.isBefore(row.expiresAt())) {
            throw unusable();
        }
    }

    private static ProblemException unusable() {
        return ProblemException.unprocessable("stable-code-grant-unusable", "Stable-code grant not usable",
                "The stable-code grant is unknown, of another study, used already or expired.");
    }

    /** A grant as the list returns it; {@code state}: usable, used or expired. */
    public record GrantInfo(String id, String study, String reason, String grantedBy, Instant grantedAt,
                            Instant expiresAt, String state, Instant usedAt, String exportId) {
    }

    /** A grant as the API returns it. */
    public record StableCodeGrant(String id, String study, String reason, Instant expiresAt) {
    }
}
