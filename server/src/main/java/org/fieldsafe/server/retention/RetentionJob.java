package org.fieldsafe.server.retention;

import io.dropwizard.lifecycle.Managed;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.scheduling.SingleThreadSchedule;
import org.fieldsafe.server.shredding.ShreddingDao;
import org.fieldsafe.server.shredding.SubmissionShredder;
import org.fieldsafe.server.storage.CompiledStudy;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.StudyStore;
import org.jdbi.v3.core.Handle;

/**
 * Retention (DESIGN.md section 7): on one scheduler thread, every {@code interval}, shreds the {@code identity} part
 * of each submission older than its study's {@code retention.identity_days} ({@link SubmissionShredder}) and marks
 * the row ({@code identity_shredded_at}, also for submissions without an identity part, so each is looked at once).
 * Works in batches of {@value #BATCH} submissions, each one write transaction with a {@code retention.run} audit
 * entry of its counts; a run that finds nothing to look at writes nothing (its time shows in {@link #status()}). The time comes from the injected
 * {@link Clock}; {@link #runOnce} runs a pass at once (tests, and the scheduler).
 */
public final class RetentionJob implements Managed {
    private static final Set<String> IDENTITY = Set.of(Envelope.IDENTITY);
    static final int BATCH = 200;
    public static final String ACTOR = "system:retention";

    private final Database database;
    private final StudyStore studies;
    private final SubmissionShredder shredder;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration interval;
    private final Duration firstRunAfter;
    private final SingleThreadSchedule schedule = new SingleThreadSchedule("retention", this::runOnce);
    private volatile Status status;

    public RetentionJob(Database database, StudyStore studies, SubmissionShredder shredder, AuditLog audit,
                        Clock clock, Duration interval, Duration firstRunAfter) {
        this.database = database;
        this.studies = studies;
        this.shredder = shredder;
        this.audit = audit;
        this.clock = clock;
        this.interval = interval;
        this.firstRunAfter = firstRunAfter;
        this.status = new Status(0, null, null, 0, 0, null, clock.instant().plus(firstRunAfter));
    }

    /**
     * Where the job stands: runs so far, the last run's start and end (null before the first), identity parts
     * shredded and submissions looked at by it, why it failed (null: it did not), and when the next run is due.
     */
    public record Status(long runs, Instant lastRunAt, Instant lastRunEnded, int identityParts, int submissions, String failure,
                         Instant nextRunAt) {
    }

    /** What one run did. */
    public record Run(int identityParts, int submissions) {
    }

    public Status status() {
        return status;
    }

    @Override
    public void start() {
        status = new Status(status.runs(), status.lastRunAt(), status.lastRunEnded(), status.identityParts(), status.submissions(),
                status.failure(), clock.instant().plus(firstRunAfter));
        // a failed run is recorded in the status (the health check turns unhealthy); the next run tries again
        schedule.start(firstRunAfter, interval);
    }

    @Override
    public void stop() throws InterruptedException {
        schedule.stop();
    }

    /** One run over every study now (by the clock); records its outcome in {@link #status()}. */
    public synchronized Run runOnce() {
        Instant started = clock.instant();
        try {
            int parts = 0;
            int looked = 0;
            boolean rowsChanged = false;
            for (CompiledStudy compiled : studies.list()) {
                Study study = Study.fromCanonicalJson(compiled.canonicalJson().getBytes(StandardCharsets.UTF_8));
                Instant cutoff = started.minus(Duration.ofDays(study.retention().identityDays()));
                // a read first: most runs find nothing, and need not take the writer lock to see it
                while (!database.read(h -> h.attach(ShreddingDao.class).retentionDue(compiled.id(), cutoff, 1))
                        .isEmpty()) {
                    Batch batch = database.write(h -> batch(h, compiled.id(), cutoff));
                    if (batch.submissions() == 0) {
                        break;
                    }
                    parts += batch.identityParts();
                    looked += batch.submissions();
                    rowsChanged |= batch.rowsChanged();
                }
            }
            if (rowsChanged) {
                shredder.truncateLog();
            }
            status = new Status(status.runs() + 1, started, clock.instant(), parts, looked, null,
                    clock.instant().plus(interval));
            return new Run(parts, looked);
        } catch (RuntimeException e) {
            status = new Status(status.runs() + 1, started, clock.instant(), 0, 0, e.getClass().getSimpleName(),
                    clock.instant().plus(interval));
            throw e;
        }
    }

    private record Batch(int identityParts, int submissions, boolean rowsChanged) {
    }

    private Batch batch(Handle h, String studyId, Instant cutoff) {
        ShreddingDao dao = h.attach(ShreddingDao.class);
        List<String> due = dao.retentionDue(studyId, cutoff, BATCH);
        if (due.isEmpty()) {
            return new Batch(0, 0, false);
        }
        int parts = 0;
        boolean rowsChanged = false;
        for (String id : due) {
            SubmissionShredder.Shredded shredded = shredder.shred(h, id, IDENTITY, false);
            parts += shredded.found().parts().size();
            rowsChanged |= shredded.rowsChanged();
        }
        dao.markIdentityShredded(due, Instant.ofEpochMilli(clock.millis()));
        audit.append(h, ACTOR, "retention.run", "study:" + studyId + " identity-parts:" + parts + " submissions:"
                + due.size());
        return new Batch(parts, due.size(), rowsChanged);
    }
}
