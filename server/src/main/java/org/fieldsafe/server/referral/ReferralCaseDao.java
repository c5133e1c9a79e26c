package org.fieldsafe.server.referral;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Referral cases (V10). */
@RegisterConstructorMapper(ReferralCaseRow.class)
@RegisterConstructorMapper(ReferralCaseDao.Count.class)
public interface ReferralCaseDao {
    String COLUMNS = "id, study_id, site, submission_id, category, urgency, choice, raised_by, state, opened_at, "
            + "acknowledged_at, acknowledged_by, referred_service, referred_on, referred_by, closed_at, closed_by, "
            + "outcome, escalated_at, version, updated_at";

    String INSERT = "INSERT INTO referral_cases (" + COLUMNS + ") VALUES (:id, :studyId, :site, :submissionId, "
            + ":category, :urgency, :choice, :raisedBy, :state, :openedAt, :acknowledgedAt, :acknowledgedBy, "
            + ":referredService, :referredOn, :referredBy, :closedAt, :closedBy, :outcome, :escalatedAt, :version, "
            + ":updatedAt)";

    /** Cases of a study by site, category and state. */
    record Count(String site, String category, String state, int cases) {
    }

    @SqlUpdate(INSERT)
    void insert(@BindMethods ReferralCaseRow row);

    @SqlQuery("SELECT " + COLUMNS + " FROM referral_cases WHERE id = :id")
    Optional<ReferralCaseRow> find(@Bind("id") String id);

    @SqlQuery("SELECT " + COLUMNS + " FROM referral_cases WHERE submission_id = :submissionId")
    Optional<ReferralCaseRow> findBySubmission(@Bind("submissionId") String submissionId);

    /** The study's cases at {@code sites} (not empty), newest first. */
    @SqlQuery("SELECT " + COLUMNS + " FROM referral_cases WHERE study_id = :studyId AND site IN (<sites>) "
            + "ORDER BY opened_at DESC, id")
    List<ReferralCaseRow> listAtSites(@Bind("studyId") String studyId, @BindList("sites") Collection<String> sites);

    /**
     * Every case still {@code new} (not acknowledged) and not yet escalated, of all studies, oldest first: what an
     * escalation job checks against its deadlines.
     */
    @SqlQuery("SELECT " + COLUMNS + " FROM referral_cases WHERE acknowledged_at IS NULL AND state = 'new' "
            + "AND escalated_at IS NULL ORDER BY opened_at, id")
    List<ReferralCaseRow> unacknowledgedNotEscalated();

    /** Every case still {@code new} (not acknowledged), escalated or not, of one study. */
    @SqlQuery("SELECT " + COLUMNS + " FROM referral_cases WHERE study_id = :studyId AND acknowledged_at IS NULL "
            + "AND state = 'new' ORDER BY opened_at, id")
    List<ReferralCaseRow> unacknowledged(@Bind("studyId") String studyId);

    /** Marks a case escalated unless it is acknowledged or escalated already: 1 when marked now, else 0. */
    @SqlUpdate("UPDATE referral_cases SET escalated_at = :at WHERE id = :id AND escalated_at IS NULL "
            + "AND acknowledged_at IS NULL AND state = 'new'")
    int markEscalated(@Bind("id") String id, @Bind("at") Instant at);

    /**
     * Writes a changed case (its state and the fields of that state) when its stored version is still
     * {@code expectedVersion}; the row's version must be {@code expectedVersion + 1}. 1 when written, 0 when stale.
     */
    @SqlUpdate("UPDATE referral_cases SET state = :state, acknowledged_at = :acknowledgedAt, "
            + "acknowledged_by = :acknowledgedBy, referred_service = :referredService, referred_on = :referredOn, "
            + "referred_by = :referredBy, closed_at = :closedAt, closed_by = :closedBy, outcome = :outcome, "
            + "version = :version, updated_at = :updatedAt WHERE id = :id AND version = :expectedVersion")
    int update(@BindMethods ReferralCaseRow row, @Bind("expectedVersion") int expectedVersion);

    /** How many of the cases of {@code submissionIds} (not empty) are still open (new, acknowledged, referred). */
    @SqlQuery("SELECT COUNT(*) FROM referral_cases WHERE submission_id IN (<ids>) "
            + "AND state IN ('new', 'acknowledged', 'referred')")
    int countOpen(@BindList("ids") Collection<String> submissionIds);

    @SqlQuery("SELECT site, category, state, COUNT(*) AS cases FROM referral_cases WHERE study_id = :studyId "
            + "GROUP BY site, category, state ORDER BY site, category, state")
    List<Count> counts(@Bind("studyId") String studyId);
}
