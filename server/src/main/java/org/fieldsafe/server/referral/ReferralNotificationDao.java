package org.fieldsafe.server.referral;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The referral notification outbox (V11): one row per case and kind; codes only. */
@RegisterConstructorMapper(ReferralNotificationDao.Due.class)
public interface ReferralNotificationDao {
    /** A new case was opened: to the site's safeguarding officers. */
    String NEW = "new";
    /** A case missed its acknowledgement deadline and was escalated: to the study lead and the site's officers. */
    String OVERDUE = "overdue";

    String PENDING = "pending";
    String SENT = "sent";
    String FAILED = "failed";
    String SKIPPED = "skipped";

    /** A notification due to be sent, with what its mail may say: the case's site and urgency, and its id. */
    record Due(String caseId, String kind, int attempts, String studyId, String site, String urgency) {
    }

    /** Queues a notification unless the case has one of this kind already: 1 when queued now, else 0. */
    @SqlUpdate("INSERT INTO referral_notifications (case_id, kind, state, attempts, created_at, next_attempt_at) "
            + "VALUES (:caseId, :kind, 'pending', 0, :at, :at) ON CONFLICT (case_id, kind) DO NOTHING")
    int queue(@Bind("caseId") String caseId, @Bind("kind") String kind, @Bind("at") Instant at);

    /** Cases still new and unacknowledged that have no new-case notification yet, oldest first. */
    @SqlQuery("SELECT c.id FROM referral_cases c WHERE c.state = 'new' AND c.acknowledged_at IS NULL "
            + "AND NOT EXISTS (SELECT 1 FROM referral_notifications n WHERE n.case_id = c.id AND n.kind = 'new') "
            + "ORDER BY c.opened_at, c.id LIMIT :limit")
    List<String> newCasesNotQueued(@Bind("limit") int limit);

    /** Pending notifications whose time has come, oldest first. */
    @SqlQuery("SELECT n.case_id, n.kind, n.attempts, c.study_id, c.site, c.urgency FROM referral_notifications n "
            + "JOIN referral_cases c ON c.id = n.case_id WHERE n.state = 'pending' AND n.next_attempt_at <= :now "
            + "ORDER BY n.next_attempt_at, n.case_id, n.kind LIMIT :limit")
    List<Due> due(@Bind("now") Instant now, @Bind("limit") int limit);

    /** Ends a notification: sent, failed (after its last attempt) or skipped (nobody to tell). */
    @SqlUpdate("UPDATE referral_notifications SET state = :state, attempts = :attempts, done_at = :at "
            + "WHERE case_id = :caseId AND kind = :kind AND state = 'pending'")
    int finish(@Bind("caseId") String caseId, @Bind("kind") String kind, @Bind("state") String state,
               @Bind("attempts") int attempts, @Bind("at") Instant at);

    /** Records a failed attempt; tried again at {@code nextAttemptAt}. */
    @SqlUpdate("UPDATE referral_notifications SET attempts = :attempts, next_attempt_at = :nextAttemptAt "
            + "WHERE case_id = :caseId AND kind = :kind AND state = 'pending'")
    int retryLater(@Bind("caseId") String caseId, @Bind("kind") String kind, @Bind("attempts") int attempts,
                   @Bind("nextAttemptAt") Instant nextAttemptAt);

    /** Notifications given up since {@code since}. */
    @SqlQuery("SELECT COUNT(*) FROM referral_notifications WHERE state = 'failed' AND done_at >= :since")
    int failedSince(@Bind("since") Instant since);

    /** Notifications still waiting to be sent. */
    @SqlQuery("SELECT COUNT(*) FROM referral_notifications WHERE state = 'pending'")
    int pending();
}
