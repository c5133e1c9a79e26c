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
import org.fieldsafe.server.openrosa.OpenRosaDao;
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
 * Where the study sets {@code retention.research_days}, each submission older than that is shredded whole, as a
 * withdrawal does (every sealed part, recording and grant, every transcript and translation version) and left as a
 * tombstone ({@code withdrawn_at}) that exports, progress and listings leave out - but no respondent withdrawal is
 * recorded, so nothing refuses the respondent's later interviews.
 * Works in batches of {@value #BATCH} submissions, each one write transaction with a {@code retention.run} (identity)
 * or {@code retention.research} audit entry of its counts; a run that finds nothing to look at writes nothing (its
 * time shows in {@link #status()}). The time comes from the injected {@link Clock}; {@link #runOnce} runs a pass at
 * once (tests, and the scheduler).
 */
public final class RetentionJob implements Managed {
    private static final Set<String> IDENTITY = Set.of(Envelope.IDENTITY);
    private static final Set<String> ALL_PARTS = Set.copyOf(Envelope.PART_NAMES);
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
        this.status = new Status(0, null, null, Run.NOTHING, null, clock.instant().plus(firstRunAfter));
    }

    /**
     * Where the job stands: runs so far, the last run's start and end (null before the first), what it did, why it
     * failed (null: it did not), and when the next run is due.
     */
    public record Status(long runs, Instant lastRunAt, Instant lastRunEnded, Run last, String failure,
                         Instant nextRunAt) {
        /** Identity parts shredded by the last run. */
        public int identityParts() {
            return last.identityParts();
        }

        /** Submissions the last run looked at for their identity part. */
        public int submissions() {
            return last.submissions();
        }
    }

    /**
     * What one run did: identity parts shredded and submissions looked at for them; submissions shredded whole by
     * {@code research_days}, with their sealed parts, recordings and transcript and translation versions.
     */
    public record Run(int identityParts, int submissions, int researchSubmissions, int researchParts,
                      int recordings, int transcriptVersions, int openRosa) {
        static final Run NOTHING = new Run(0, 0);

        /** A run that shredded no submission whole. */
        public Run(int identityParts, int submissions) {
            this(identityParts, submissions, 0, 0, 0, 0, 0);
        }

        Run plus(Run o) {
            return new Run(identityParts + o.identityParts, submissions + o.submissions,
                    researchSubmissions + o.researchSubmissions, researchParts + o.researchParts,
                    recordings + o.recordings, transcriptVersions + o.transcriptVersions, openRosa + o.openRosa);
        }
    }

    public Status status() {
        return status;
    }

    @Override
    public void start() {
        status = new Status(status.runs(), status.lastRunAt(), status.lastRunEnded(), status.last(), status.failure(),
                clock.instant().plus(firstRunAfter));
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
            Run run = Run.NOTHING;
            boolean rowsChanged = false;
            for (CompiledStudy compiled : studies.list()) {
                Study study = Study.fromCanonicalJson(compiled.canonicalJson().getBytes(StandardCharsets.UTF_8));
                Integer researchDays = study.retention().researchDays();
                if (researchDays != null) { // first: what goes whole need not have its identity part looked at
                    Instant cutoff = started.minus(Duration.ofDays(researchDays));
                    while (!database.read(h -> h.attach(ShreddingDao.class)
                            .researchRetentionDue(compiled.id(), cutoff, 1)).isEmpty()
                            || !database.read(h -> h.attach(OpenRosaDao.class)
                            .researchRetentionDue(compiled.id(), cutoff, 1)).isEmpty()) {
                        Batch batch = database.write(h -> researchBatch(h, compiled.id(), cutoff));
                        if (batch.run().researchSubmissions() + batch.run().openRosa() == 0) {
                            break;
                        }
                        run = run.plus(batch.run());
                        rowsChanged |= batch.rowsChanged();
                    }
                }
                Instant cutoff = started.minus(Duration.ofDays(study.retention().identityDays()));
                // a read first: most runs find nothing, and need not take the writer lock to see it
                while (!database.read(h -> h.attach(ShreddingDao.class).retentionDue(compiled.id(), cutoff, 1))
                        .isEmpty()) {
                    Batch batch = database.write(h -> batch(h, compiled.id(), cutoff));
                    if (batch.run().submissions() == 0) {
                        break;
                    }
                    run = run.plus(batch.run());
                    rowsChanged |= batch.rowsChanged();
                }
            }
            if (rowsChanged) {
                shredder.truncateLog();
            }
            status = new Status(status.runs() + 1, started, clock.instant(), run, null,
                    clock.instant().plus(interval));
            return run;
        } catch (RuntimeException e) {
            status = new Status(status.runs() + 1, started, clock.instant(), Run.NOTHING,
                    e.getClass().getSimpleName(), clock.instant().plus(interval));
            throw e;
        }
    }

    private record Batch(Run run, boolean rowsChanged) {
    }

    /**
     * Shreds up to {@value #BATCH} submissions (and up to as many OpenRosa submissions: files deleted, manifest with
     * its wrapped key emptied) older than the study's {@code research_days} whole and leaves them as tombstones; no
     * row in {@code withdrawals}: no respondent withdrew.
     */
    private Batch researchBatch(Handle h, String studyId, Instant cutoff) {
        ShreddingDao dao = h.attach(ShreddingDao.class);
        List<String> due = dao.researchRetentionDue(studyId, cutoff, BATCH);
        OpenRosaDao openRosa = h.attach(OpenRosaDao.class);
        List<String> odk = openRosa.researchRetentionDue(studyId, cutoff, BATCH);
        if (due.isEmpty() && odk.isEmpty()) {
            return new Batch(Run.NOTHING, false);
        }
        Instant now = Instant.ofEpochMilli(clock.millis());
        int odkFiles = 0;
        for (String id : odk) {
            odkFiles += openRosa.deleteFiles(id);
            openRosa.markWithdrawn(id, now);
        }
        int transcripts = due.isEmpty() ? 0 : dao.countTranscriptParts(due);
        int parts = 0;
        int recordings = 0;
        boolean rowsChanged = false;
        for (String id : due) {
            SubmissionShredder.Shredded shredded = shredder.shred(h, id, ALL_PARTS, true);
            parts += shredded.found().parts().size();
            recordings += shredded.found().attachments();
            rowsChanged |= shredded.rowsChanged();
        }
        if (!due.isEmpty()) {
            dao.markWithdrawn(due, now);
        }
        audit.append(h, ACTOR, "retention.research", "study:" + studyId + " submissions:" + due.size() + " parts:"
                + parts + " recordings:" + recordings + " transcript-versions:" + transcripts
                + (odk.isEmpty() ? "" : " openrosa:" + odk.size() + " openrosa-files:" + odkFiles));
        return new Batch(new Run(0, 0, due.size(), parts, recordings, transcripts, odk.size()), true);
    }

    private Batch batch(Handle h, String studyId, Instant cutoff) {
        ShreddingDao dao = h.attach(ShreddingDao.class);
        List<String> due = dao.retentionDue(studyId, cutoff, BATCH);
        if (due.isEmpty()) {
            return new Batch(Run.NOTHING, false);
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
        return new Batch(new Run(parts, due.size()), rowsChanged);
    }
}
