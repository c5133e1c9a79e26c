package org.fieldsafe.server.referral;

import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.scheduling.SingleThreadSchedule;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.auth.UserDao;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Referral deadlines (DESIGN.md section 8, issue 5): on one scheduler thread, every {@code interval}, escalates each
 * case still new (not acknowledged) past its study's {@code referral_sla} deadline ({@link ReferralDeadlines}) to the
 * study lead (study.yaml {@code lead.role}: the people with that role). Each case is escalated once: it is marked
 * ({@code escalated_at}) in the same write transaction as its {@code referral.escalated} audit entry and, when
 * notifications are on, its {@code overdue} notification (sent after the commit by the {@link Notifier}). A run that
 * finds nothing overdue writes nothing. The time comes from the injected {@link Clock}; {@link #runOnce} runs a pass
 * at once (tests, and the scheduler).
 */
public final class ReferralEscalationJob implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(ReferralEscalationJob.class);
    public static final String ACTOR = "system:referral-deadlines";
    public static final String EVENT = "referral.escalated";

    /** What the escalation job hands escalated cases to after its commit (the notifier's wake-up). */
    public interface Notifier {
        /** Called after a run's commit when it escalated cases (and queued their notifications). */
        void escalated();

        /** No notifications: nothing queued, nothing woken. */
        Notifier NONE = () -> { };
    }

    private final Database database;
    private final ReferralCaseStore cases;
    private final ReferralDeadlines deadlines;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration interval;
    private final Duration firstRunAfter;
    private final boolean queueNotifications;
    private final Notifier notifier;
    private final SingleThreadSchedule schedule = new SingleThreadSchedule("referral-deadlines", this::runOnce);
    private volatile Status status;

    /**
     * @param queueNotifications true when e-mail notifications are on: each escalation queues its overdue mail
     * @param notifier           woken after a run that escalated cases
     */
    public ReferralEscalationJob(Database database, ReferralCaseStore cases, ReferralDeadlines deadlines,
                                 AuditLog audit, Clock clock, Duration interval, Duration firstRunAfter,
                                 boolean queueNotifications, Notifier notifier) {
        this.database = database;
        this.cases = cases;
        this.deadlines = deadlines;
        this.audit = audit;
        this.clock = clock;
        this.interval = interval;
        this.firstRunAfter = firstRunAfter;
        this.queueNotifications = queueNotifications;
        this.notifier = notifier;
        this.status = new Status(0, null, 0, null, clock.instant().plus(firstRunAfter));
    }

    /**
     * Where the job stands: runs so far, the last run's start (null before the first), cases it escalated, why it
     * failed (null: it did not), and when the next run is due.
     */
    public record Status(long runs, Instant lastRunAt, int escalated, String failure, Instant nextRunAt) {
    }

    public Status status() {
        return status;
    }

    /** Time between runs: the health check allows an overdue case this long (twice) to be escalated. */
    public Duration interval() {
        return interval;
    }

    @Override
    public void start() {
        Status s = status;
        status = new Status(s.runs(), s.lastRunAt(), s.escalated(), s.failure(), clock.instant().plus(firstRunAfter));
        schedule.start(firstRunAfter, interval);
    }

    @Override
    public void stop() throws InterruptedException {
        schedule.stop();
    }

    /** One pass now (by the clock): the number of cases escalated by it. */
    public synchronized int runOnce() {
        Instant started = clock.instant();
        try {
            Instant now = Instant.ofEpochMilli(started.toEpochMilli());
            Map<String, List<ReferralCaseRow>> overdueByStudy = overdue(now);
            int escalated = 0;
            for (Map.Entry<String, List<ReferralCaseRow>> e : overdueByStudy.entrySet()) {
                Study study = deadlines.study(e.getKey()).orElseThrow();
                escalated += database.write(h -> escalate(h, study, e.getValue(), now));
            }
            if (escalated > 0) {
                LOG.info("Escalated {} referral case(s) past their acknowledgement deadline", escalated);
                notifier.escalated();
            }
            status = new Status(status.runs() + 1, started, escalated, null, clock.instant().plus(interval));
            return escalated;
        } catch (RuntimeException e) {
            status = new Status(status.runs() + 1, started, 0, e.getClass().getSimpleName(),
                    clock.instant().plus(interval));
            throw e;
        }
    }

    /** The cases past their deadline and not escalated yet, by study (a read: most runs find none). */
    private Map<String, List<ReferralCaseRow>> overdue(Instant now) {
        Map<String, List<ReferralCaseRow>> byStudy = new LinkedHashMap<>();
        Map<String, Optional<Study>> studies = new LinkedHashMap<>();
        for (ReferralCaseRow row : cases.unacknowledgedNotEscalated()) {
            Optional<Study> study = studies.computeIfAbsent(row.studyId(), deadlines::study);
            if (study.isPresent() && ReferralDeadlines.overdue(study.get(), row, now)) {
                byStudy.computeIfAbsent(row.studyId(), k -> new ArrayList<>()).add(row);
            }
        }
        return byStudy;
    }

    private int escalate(Handle h, Study study, List<ReferralCaseRow> rows, Instant now) {
        String leadRole = study.lead().role();
        int leads = h.attach(UserDao.class).countByRole(leadRole);
        if (leads == 0) {
            LOG.warn("Escalating referral cases of study {}, which has no user with its lead role {}", study.id(),
                    leadRole);
        }
        ReferralNotificationDao notifications = h.attach(ReferralNotificationDao.class);
        int escalated = 0;
        for (ReferralCaseRow row : rows) {
            // marked only if still new, unacknowledged and not escalated: an officer's acknowledgement meanwhile wins
            if (!cases.markEscalated(h, row.id(), now)) {
                continue;
            }
            audit.append(h, ACTOR, EVENT, ReferralCaseStore.subject(row) + " urgency:" + row.urgency()
                    + " deadline:" + ReferralDeadlines.deadline(study, row) + " to:" + leadRole + " leads:" + leads);
            if (queueNotifications) {
                notifications.queue(row.id(), ReferralNotificationDao.OVERDUE, now);
            }
            escalated++;
        }
        return escalated;
    }
}
