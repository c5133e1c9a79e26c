package org.fieldsafe.server.notification;

import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.fieldsafe.server.auth.Role;
import org.fieldsafe.server.referral.ReferralDeadlines;
import org.fieldsafe.server.referral.ReferralEscalationJob;
import org.fieldsafe.server.referral.ReferralNotificationDao;
import org.fieldsafe.server.referral.ReferralNotificationDao.Due;
import org.fieldsafe.server.scheduling.SingleThreadSchedule;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.auth.UserDao;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * E-mail about referral cases (issue 5), after the commit and off the request thread, on one thread of its own:
 * every {@code pollInterval} (and at once when the escalation job escalated cases) it queues a {@code new}
 * notification for each case still new that has none (the outbox, V11 {@code referral_notifications}; the upload
 * path does no work for it), then sends the due ones: a new case to the safeguarding officers of its site, an
 * overdue (escalated) case to the study lead and the site's officers - the people with an e-mail address. A failed
 * send is tried again after {@code retryAfter}, doubled each time, up to {@code maxAttempts}; then it is given up
 * and logged (the kind of notification and the error's kind only: no address, no case detail). Nothing here can
 * fail an upload.
 */
public final class ReferralNotifier implements Managed, ReferralEscalationJob.Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(ReferralNotifier.class);
    static final int BATCH = 100;

    private final Database database;
    private final ReferralDeadlines deadlines;
    private final Mailer mailer;
    private final ReferralMails mails;
    private final Clock clock;
    private final Duration pollInterval;
    private final int maxAttempts;
    private final Duration retryAfter;
    private final SingleThreadSchedule schedule = new SingleThreadSchedule("referral-notifier", this::runOnce);
    private volatile Status status = new Status(0, null, 0, 0, null);

    public ReferralNotifier(Database database, ReferralDeadlines deadlines, Mailer mailer, ReferralMails mails,
                            Clock clock, Duration pollInterval, int maxAttempts, Duration retryAfter) {
        this.database = database;
        this.deadlines = deadlines;
        this.mailer = mailer;
        this.mails = mails;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.maxAttempts = maxAttempts;
        this.retryAfter = retryAfter;
    }

    /**
     * Where the notifier stands: runs, the last run's time, mails sent and notifications given up so far, and the
     * kind of the last send error (null: none yet).
     */
    public record Status(long runs, Instant lastRunAt, long sent, long givenUp, String lastError) {
    }

    /** What one run did. */
    public record Run(int queued, int sent, int retried, int givenUp, int skipped) {
    }

    public Status status() {
        return status;
    }

    @Override
    public void start() {
        schedule.start(pollInterval, pollInterval);
    }

    @Override
    public void stop() throws InterruptedException {
        schedule.stop();
    }

    /** After an escalation's commit: send its mails now rather than at the next poll. */
    @Override
    public void escalated() {
        schedule.runSoon();
    }

    /** One pass now (by the clock): queue notifications of new cases, then send those due. */
    public synchronized Run runOnce() {
        Instant now = Instant.ofEpochMilli(clock.millis());
        int queued = queueNewCases(now);
        int sent = 0;
        int retried = 0;
        int givenUp = 0;
        int skipped = 0;
        String lastError = status.lastError();
        List<Due> due = database.read(h -> h.attach(ReferralNotificationDao.class).due(now, BATCH));
        for (Due d : due) {
            List<String> to = recipients(d);
            if (to.isEmpty()) {
                LOG.warn("Nobody with an e-mail address to notify of a {} referral case; see the case list",
                        d.kind());
                finish(d, ReferralNotificationDao.SKIPPED, d.attempts(), now);
                skipped++;
                continue;
            }
            int attempt = d.attempts() + 1;
            try {
                mailer.send(mails.mail(d.kind(), d.caseId(), d.site(), d.urgency(), to));
                finish(d, ReferralNotificationDao.SENT, attempt, Instant.ofEpochMilli(clock.millis()));
                sent++;
            } catch (RuntimeException e) {
                lastError = e.getClass().getSimpleName();
                if (attempt >= maxAttempts) {
                    LOG.error("Gave up a {} referral notification after {} attempts: {}", d.kind(), attempt,
                            e.getMessage());
                    finish(d, ReferralNotificationDao.FAILED, attempt, now);
                    givenUp++;
                } else {
                    Instant next = now.plus(retryAfter.multipliedBy(1L << Math.min(attempt - 1, 16)));
                    LOG.warn("A {} referral notification failed (attempt {} of {}), tried again at {}: {}", d.kind(),
                            attempt, maxAttempts, next, e.getMessage());
                    database.write(h -> h.attach(ReferralNotificationDao.class).retryLater(d.caseId(), d.kind(),
                            attempt, next));
                    retried++;
                }
            }
        }
        Status s = status;
        status = new Status(s.runs() + 1, now, s.sent() + sent, s.givenUp() + givenUp, lastError);
        return new Run(queued, sent, retried, givenUp, skipped);
    }

    private int queueNewCases(Instant now) {
        List<String> fresh = database.read(h -> h.attach(ReferralNotificationDao.class).newCasesNotQueued(BATCH));
        if (fresh.isEmpty()) {
            return 0;
        }
        return database.write(h -> {
            ReferralNotificationDao dao = h.attach(ReferralNotificationDao.class);
            int n = 0;
            for (String caseId : fresh) {
                n += dao.queue(caseId, ReferralNotificationDao.NEW, now);
            }
            return n;
        });
    }

    /** A new case: the site's officers; an overdue one: the study lead and the site's officers. */
    private List<String> recipients(Due d) {
        return database.read(h -> {
            UserDao users = h.attach(UserDao.class);
            Set<String> to = new LinkedHashSet<>();
            if (ReferralNotificationDao.OVERDUE.equals(d.kind())) {
                deadlines.study(d.studyId()).ifPresent(study -> to.addAll(users.emailsByRole(study.lead().role())));
            }
            to.addAll(users.emailsByRoleAndSite(Role.SAFEGUARDING_OFFICER.wire(), d.site()));
            return List.copyOf(to);
        });
    }

    private void finish(Due d, String state, int attempts, Instant at) {
        database.write(h -> h.attach(ReferralNotificationDao.class).finish(d.caseId(), d.kind(), state, attempts, at));
    }
}
