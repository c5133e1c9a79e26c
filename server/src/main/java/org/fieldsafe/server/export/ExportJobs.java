package org.fieldsafe.server.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.lifecycle.Managed;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.wire.NewExport;
import org.fieldsafe.export.EncryptedExportFiles;
import org.fieldsafe.export.ExportForm;
import org.fieldsafe.export.ExportFormat;
import org.fieldsafe.export.ExportJobView;
import org.fieldsafe.export.ExportManifest;
import org.fieldsafe.export.ExportRequest;
import org.fieldsafe.export.Exporter;
import org.fieldsafe.export.SealedSource;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Role;
import org.fieldsafe.server.keys.KeyCustody;
import org.fieldsafe.server.keys.StudyKeyService;
import org.fieldsafe.server.keys.UnlockedKey;
import org.fieldsafe.server.problems.ProblemException;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.FormStore;
import org.fieldsafe.server.storage.StudyStore;
import org.fieldsafe.server.submissions.SubmissionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Export jobs: a data manager's request is checked, the research key unlocked for that job only, and the job
 * queued on a small executor ({@code exports.running} at a time, {@code exports.queued} waiting; beyond that
 * 503). The job runs the {@link Exporter} over the stored submissions into {@link EncryptedExportFiles}; its
 * creator polls it and downloads the files until they expire. Every attempt is audited: {@code export.denied},
 * {@code export.requested}, {@code export.completed} (counts only), {@code export.failed},
 * {@code export.downloaded}; an export whose text scan replaced anything is held ({@code export.held}) for a data
 * manager's review ({@link ExportReviews}). Jobs live in memory: a restart deletes every export directory at start-up.
 */
public final class ExportJobs implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(ExportJobs.class);
    private static final String FAILURE = "The export failed; the server log names the error (never data).";

    private final Database database;
    private final StudyStore studies;
    private final FormStore forms;
    private final SubmissionStore store;
    private final StableCodeGrants grants;
    private final KeyCustody custody;
    private final AuditLog audit;
    private final Clock clock;
    private final ObjectMapper json;
    private final AddedSources added;
    private final Path root;
    private final int running;
    private final Duration expiry;
    private final Semaphore slots;
    private final Map<String, ExportJob> jobs = new ConcurrentHashMap<>();
    private final ExportReviews reviews;
    private final AudioGrants audioGrants;
    private ExecutorService executor;
    private ScheduledExecutorService sweeper;

    /**
     * @param root    the directory of the encrypted export files (emptied at start-up)
     * @param running jobs run at once
     * @param queued  jobs waiting beyond those running
     * @param expiry  how long a finished job's files stay
     */
    public ExportJobs(Database database, StudyStore studies, FormStore forms, SubmissionStore store,
                      StableCodeGrants grants, KeyCustody custody, AuditLog audit, Clock clock,
                      ObjectMapper json, Path root, int running, int queued,
                      Duration expiry, AddedSources added) {
        this.added = added;
        this.database = database;
        this.studies = studies;
        this.forms = forms;
        this.store = store;
        this.grants = grants;
        this.custody = custody;
        this.audit = audit;
        this.clock = clock;
        this.json = json;
        this.root = root;
        this.running = running;
        this.expiry = expiry;
        this.slots = new Semaphore(running + queued);
        this.reviews = new ExportReviews(this, audit);
        this.audioGrants = new AudioGrants(database, studies, audit, clock);
    }

    /** Deletes what a previous run left (its keys are gone) and starts the executor and the expiry sweep. */
    @Override
    public void start() throws IOException {
        EncryptedExportFiles.deleteTree(root);
        Files.createDirectories(root);
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newFixedThreadPool(running, r -> {
            Thread t = new Thread(r, "export-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "export-expiry");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(this::expire, 1, 1, TimeUnit.MINUTES);
    }

    @Override
    public void stop() throws IOException {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        if (executor != null) {
            executor.shutdownNow();
        }
        for (ExportJob job : jobs.values()) {
            closeReview(job.id, job.opened, job.work);
            job.files.destroy();
        }
        jobs.clear();
        EncryptedExportFiles.deleteTree(root);
    }

    /**
     * Starts an export for a data manager; any other caller gets 403 and an {@code export.denied} entry. Bad input
     * is a 4xx problem and writes nothing but the audit entry of a refused key unlock; a full queue is 503.
     */
    public ExportJobView request(FieldsafePrincipal who, String studyId, NewExport body) {
        try {
            if (who.role() != Role.DATA_MANAGER) {
                audit.append(who.actor(), "export.denied", DeniedSubject.of(studyId, who, "export"));
                throw ProblemException.forbidden("forbidden", "Forbidden", "Only a data manager exports.");
            }
            ExportDefinitions stored = ExportDefinitions.load(studies, forms, studyId);
            Definitions definitions = new Definitions(stored.study(), stored.forms());
            ExportRequest request = withAudio(who, ExportRequests.parse(definitions.study(), definitions.forms(),
                    body), Boolean.TRUE.equals(body.audio()));
            String grant = body.stableCodesGrant();
            if (grant != null) {
                database.read(h -> {
                    grants.check(h, grant, request.studyId());
                    return null;
                });
            }
            if (!reserve()) {
                throw new ExportQueueFullException();
            }
            String id = UUID.randomUUID().toString();
            try {
                return start(who, id, request, definitions, grant, body.passphrase());
            } catch (RuntimeException | Error e) {
                release();
                throw e;
            }
        } finally {
            body.wipe();
        }
    }

    /**
     * The request with the caller's live audio grant when it asks for audio; 403 {@code audio-grant-missing} (audited
     * {@code export.audio.denied}, nothing else written) when the caller holds none for the study.
     */
    private ExportRequest withAudio(FieldsafePrincipal who, ExportRequest request, boolean audio) {
        if (!audio) {
            return request;
        }
        AudioGrantRow grant = audioGrants.live(who, request.studyId()).orElseThrow(() -> {
            audit.append(who.actor(), "export.audio.denied", "study:" + request.studyId() + " role:"
                    + who.role().wire());
            return ProblemException.forbidden("audio-grant-missing", "No audio grant",
                    "Audio in an export needs a principal investigator's live audio grant for you and this study.");
        });
        return new ExportRequest(request.studyId(), request.formats(), request.language(), request.filter(),
                request.stableCodes(), request.k(), new ExportRequest.Audio(grant.id(), grant.grantedBy()));
    }

    private ExportJobView start(FieldsafePrincipal who, String id, ExportRequest request,
                                 Definitions definitions, String grant, char[] passphrase) {
        UnlockedKey key = custody.unlock(request.studyId(), StudyKeyService.RESEARCH, passphrase, who, "export:" + id);
        AddedSources.Added extra = null;
        try {
            extra = added.open(request, who, passphrase, id);
            Instant now = Instant.ofEpochMilli(clock.millis());
            database.write(handle -> {
                if (grant != null) {
                    grants.spend(handle, grant, request.studyId(), who, id);
                }
                audit.append(handle, who.actor(), "export.requested", "study:" + request.studyId() + " export:" + id
                        + " formats:" + String.join(",", request.formats().stream().map(ExportFormat::wire)
                        .sorted().toList()) + " stable_codes:" + (grant != null) + " audio:"
                        + (request.audio() == null ? "false" : "true audio_grant:" + request.audio().grantId()));
                return null;
            });
            ExportJob job = new ExportJob(id, request.studyId(), who.actor(), now,
                    new EncryptedExportFiles(id, root.resolve(id)));
            jobs.put(id, job);
            AddedSources.Added more = extra;
            executor.execute(() -> run(job, request, definitions, key, more));
            return job.view();
        } catch (IOException e) {
            key.close();
            closeQuietly(extra);
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            key.close();
            closeQuietly(extra);
            throw e;
        }
    }

    /** The study and its form versions, parsed once per request. */
    private record Definitions(Study study, List<ExportForm> forms) {
    }

    private static void closeQuietly(AddedSources.Added extra) {
        if (extra != null) {
            extra.close();
        }
    }

    private void run(ExportJob job, ExportRequest request, Definitions definitions, UnlockedKey key,
                     AddedSources.Added extra) {
        job.running();
        Path work = root.resolve(job.id + ".work");
        Exporter.Opened opened = null;
        try (key; extra) {
            Exporter exporter = new Exporter(definitions.study(), definitions.forms(), clock);
            SealedSource source = extra.wrap(new StoredSealedSource(store, json, request.studyId(),
                    request.filter(), database));
            opened = exporter.open(request, source, key.fingerprint(), key.privateKey(), work, job);
            ExportManifest manifest = opened.write(job.files, Set.of());
            Instant now = Instant.ofEpochMilli(clock.millis());
            ExportManifest.Counts counts = manifest.counts();
            audit.append(job.creator, "export.completed", "study:" + request.studyId() + " export:" + job.id
                    + " interviews:" + counts.interviewsExported() + " respondents:" + counts.respondentsExported()
                    + " suppressed:" + counts.respondentsSuppressed() + " unopenable:" + counts.unopenable()
                    + " k:" + manifest.kAchieved() + (manifest.qdpx() == null || manifest.qdpx().recordings() == null
                    ? "" : " audio_recordings:" + manifest.qdpx().recordings().count() + " audio_grant:"
                    + manifest.qdpx().recordings().grant()));
            if (manifest.redactions() != null && manifest.redactions().replaced() > 0) {
                audit.append(job.creator, "export.held", "study:" + request.studyId() + " export:" + job.id
                        + " replacements:" + manifest.redactions().replaced());
                job.held(manifest, opened, work, now, now.plus(expiry));
                opened = null;
            } else {
                job.done(manifest, now, now.plus(expiry));
            }
        } catch (Exception | Error e) {
            // the class only: a message could quote what the engine read
            LOG.error("Export {} failed: {}", job.id, e.getClass().getName());
            Instant now = Instant.ofEpochMilli(clock.millis());
            job.failed(FAILURE, now, now.plus(expiry));
            try {
                job.files.destroy();
            } catch (IOException ignored) {
                LOG.warn("Export {}: its files could not all be deleted", job.id);
            }
            audit.append(job.creator, "export.failed", "study:" + request.studyId() + " export:" + job.id);
        } finally {
            if (opened != null) {
                closeReview(job.id, opened, work);
            }
            release();
        }
    }

    /** Closes an opened export (its spool) and deletes its work directory. */
    static void closeReview(String id, Exporter.Opened opened, Path work) {
        try {
            if (opened != null) {
                opened.close();
            }
        } catch (IOException e) {
            LOG.warn("Export {}: its spool could not be closed", id);
        }
        try {
            if (work != null) {
                EncryptedExportFiles.deleteTree(work);
            }
        } catch (IOException e) {
            LOG.warn("Export {}: its work directory could not be deleted", id);
        }
    }

    /** Takes a place among the running and waiting jobs; false when none is free. */
    boolean reserve() {
        return slots.tryAcquire();
    }

    /** Gives back a place {@link #reserve} took. */
    void release() {
        slots.release();
    }

    /**
     * What a data manager may choose for an export of the study, with their live audio grant if any (the resource
     * admits data managers); 404 unknown.
     */
    public ExportOptions options(FieldsafePrincipal who, String studyId) {
        ExportDefinitions stored = ExportDefinitions.load(studies, forms, studyId);
        return ExportOptions.of(stored.study(), stored.forms(), audioGrants.live(who, stored.study().id()));
    }

    /** The caller's own jobs not yet expired, newest first (nobody sees another person's exports). */
    public List<ExportJobView> mine(FieldsafePrincipal who) {
        Instant now = Instant.ofEpochMilli(clock.millis());
        return jobs.values().stream().filter(j -> j.creator.equals(who.actor()) && !j.expired(now))
                .sorted(Comparator.comparing((ExportJob j) -> j.createdAt).reversed())
                .map(ExportJob::view).toList();
    }

    /** A job's state for its creator; 404 for anyone else, an unknown id or an expired job. */
    public ExportJobView status(FieldsafePrincipal who, String id) {
        return own(who, id).view();
    }

    /**
     * The plaintext of one file of a finished job, for its creator (audited {@code export.downloaded}); 404 for
     * an unknown file, 409 while the job is not done.
     */
    public InputStream file(FieldsafePrincipal who, String id, String name) {
        ExportJob job = own(who, id);
        if (job.state() == ExportJob.State.review) {
            throw ProblemException.conflict("export-held", "Export held for review",
                    "The export's texts had replacements: a data manager reviews and releases it before download.");
        }
        if (job.state() != ExportJob.State.done) {
            throw ProblemException.conflict("export-not-done", "Export not done",
                    "The export's files can be downloaded once it is done.");
        }
        if (!job.files.has(name)) {
            throw ProblemException.notFound("Export file");
        }
        try {
            InputStream in = job.files.open(name);
            audit.append(who.actor(), "export.downloaded", "export:" + id + " file:" + name);
            return in;
        } catch (IOException e) {
            throw ProblemException.notFound("Export file");
        }
    }

    /** Audio in QDPX exports: a principal investigator's grants. */
    public AudioGrants audioGrants() {
        return audioGrants;
    }

    /** The review of held exports (the console's review screen). */
    public ExportReviews reviews() {
        return reviews;
    }

    ExportJob own(FieldsafePrincipal who, String id) {
        ExportJob job = jobs.get(id);
        if (job == null || !job.creator.equals(who.actor()) || job.expired(Instant.ofEpochMilli(clock.millis()))) {
            throw ProblemException.notFound("Export");
        }
        return job;
    }

    /** Deletes the files of every finished job past its expiry and forgets the job. */
    public void expire() {
        Instant now = Instant.ofEpochMilli(clock.millis());
        for (ExportJob job : jobs.values()) {
            if (job.expired(now)) {
                jobs.remove(job.id);
                closeReview(job.id, job.opened, job.work);
                try {
                    job.files.destroy();
                } catch (IOException e) {
                    LOG.warn("Export {}: its expired files could not all be deleted", job.id);
                }
            }
        }
    }

    /** The root directory of the export files. */
    public Path root() {
        return root;
    }
}
