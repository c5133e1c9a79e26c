package org.fieldsafe.server.health;

import com.codahale.metrics.health.HealthCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.forms.Urgency;
import org.fieldsafe.server.referral.ReferralCaseRow;
import org.fieldsafe.server.referral.ReferralCaseStore;
import org.fieldsafe.server.referral.ReferralDeadlines;
import org.fieldsafe.server.referral.ReferralEscalationJob;
import org.fieldsafe.server.referral.ReferralNotificationDao;
import org.fieldsafe.server.notification.ReferralNotifier;
import org.fieldsafe.server.storage.CompiledStudy;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.StudyStore;

/**
 * Referral deadlines: counts of cases past their acknowledgement deadline (overdue), by urgency, and of those
 * escalated. Overdue cases are people's work, not a fault of the server, so they alone leave it healthy (the counts
 * show in the details and message). Unhealthy when the machinery that handles them fails: the escalation job's last
 * run failed; an overdue case has waited more than two job intervals without being escalated (the job is stuck);
 * or, with notifications on, a notification was given up within the last day.
 */
public class ReferralsHealthCheck extends HealthCheck {
    static final Duration GIVEN_UP_WINDOW = Duration.ofDays(1);

    private final Database database;
    private final StudyStore studies;
    private final ReferralCaseStore cases;
    private final ReferralDeadlines deadlines;
    private final ReferralEscalationJob job;
    private final ReferralNotifier notifier;
    private final Clock clock;

    /** @param notifier null when notifications are off */
    public ReferralsHealthCheck(Database database, StudyStore studies, ReferralCaseStore cases,
                                ReferralDeadlines deadlines, ReferralEscalationJob job, ReferralNotifier notifier,
                                Clock clock) {
        this.database = database;
        this.studies = studies;
        this.cases = cases;
        this.deadlines = deadlines;
        this.job = job;
        this.notifier = notifier;
        this.clock = clock;
    }

    @Override
    protected Result check() {
        Instant now = clock.instant();
        Map<String, Integer> overdue = new TreeMap<>();
        for (Urgency u : Urgency.values()) {
            overdue.put(u.wire(), 0);
        }
        int escalated = 0;
        int stuck = 0;
        Duration grace = job.interval().multipliedBy(2);
        for (CompiledStudy compiled : studies.list()) {
            Study study = deadlines.study(compiled.id()).orElse(null);
            if (study == null) {
                continue;
            }
            for (ReferralCaseRow row : cases.unacknowledged(compiled.id())) {
                if (!ReferralDeadlines.overdue(study, row, now)) {
                    continue;
                }
                overdue.merge(row.urgency(), 1, Integer::sum);
                if (row.escalatedAt() != null) {
                    escalated++;
                } else if (now.isAfter(ReferralDeadlines.deadline(study, row).plus(grace))) {
                    stuck++;
                }
            }
        }
        int total = overdue.values().stream().mapToInt(Integer::intValue).sum();
        ReferralEscalationJob.Status s = job.status();
        ResultBuilder result = Result.builder()
                .withDetail("overdue", total)
                .withDetail("overdueByUrgency", overdue)
                .withDetail("overdueEscalated", escalated)
                .withDetail("overdueNotEscalatedPastGrace", stuck)
                .withDetail("lastRunAt", s.lastRunAt() == null ? "never" : s.lastRunAt().toString())
                .withDetail("nextRunAt", s.nextRunAt().toString());
        int givenUp = 0;
        if (notifier != null) {
            Instant since = now.minus(GIVEN_UP_WINDOW);
            givenUp = database.read(h -> h.attach(ReferralNotificationDao.class).failedSince(since));
            result.withDetail("notificationsPending", database.read(h ->
                            h.attach(ReferralNotificationDao.class).pending()))
                    .withDetail("notificationsGivenUpLastDay", givenUp);
        }
        String counts = total + " overdue case(s) " + overdue + ", " + escalated + " escalated";
        if (s.failure() != null) {
            return result.unhealthy().withMessage("The last escalation run (" + s.lastRunAt() + ") failed: "
                    + s.failure() + "; " + counts).build();
        }
        if (stuck > 0) {
            return result.unhealthy().withMessage(stuck + " overdue case(s) not escalated within " + grace
                    + " of their deadline; " + counts).build();
        }
        if (givenUp > 0) {
            return result.unhealthy().withMessage(givenUp + " referral notification(s) given up in the last day "
                    + "(see the log); " + counts).build();
        }
        return result.healthy().withMessage(counts).build();
    }
}
