package org.fieldsafe.server.export;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fieldsafe.export.EncryptedExportFiles;
import org.fieldsafe.export.ExportJobView;
import org.fieldsafe.export.ExportJobView.Progress;
import org.fieldsafe.export.ExportManifest;
import org.fieldsafe.export.ExportProgress;
import org.fieldsafe.export.Exporter;

/**
 * One export job held in memory (a restart loses it, and its encrypted files cannot be read without the key that
 * was in memory): who asked, its state and progress, its files and, when done, its manifest. A job whose text scan
 * replaced anything is held in {@code review} (files written, downloads refused) with its opened export (the
 * encrypted spool, to write the files again) until a data manager has decided every replacement and released it.
 */
public final class ExportJob implements ExportProgress {
    /** A job's states. */
    public enum State { queued, running, review, done, failed }

    final String id;
    final String studyId;
    final String creator;
    final Instant createdAt;
    volatile EncryptedExportFiles files;
    /** While held for review: the opened export, its work directory and the decisions (replacement id to decision). */
    volatile Exporter.Opened opened;
    volatile Path work;
    final Map<String, String> decisions = new ConcurrentHashMap<>();
    private volatile State state = State.queued;
    private volatile Progress progress = new Progress("queued", 0, 0);
    private volatile ExportManifest manifest;
    private volatile String failure;
    private volatile Instant finishedAt;
    private volatile Instant expiresAt;

    ExportJob(String id, String studyId, String creator, Instant createdAt, EncryptedExportFiles files) {
        this.id = id;
        this.studyId = studyId;
        this.creator = creator;
        this.createdAt = createdAt;
        this.files = files;
    }

    @Override
    public void update(String phase, long done, long total) {
        progress = new Progress(phase, done, total);
    }

    void running() {
        state = State.running;
    }

    void done(ExportManifest result, Instant at, Instant expires) {
        manifest = result;
        finish(State.done, at, expires);
    }

    /** Held for review: files written, not yet released; every replacement in {@code replacements} undecided. */
    void held(ExportManifest result, Exporter.Opened export, Path workDir, Instant at, Instant expires) {
        manifest = result;
        opened = export;
        work = workDir;
        finish(State.review, at, expires);
    }

    /** The files written again with the decisions so far (the old ones are the caller's to destroy). */
    void rewritten(ExportManifest result, EncryptedExportFiles now) {
        manifest = result;
        files = now;
    }

    /** Released after review: the files may be downloaded. */
    void released() {
        state = State.done;
    }

    ExportManifest manifest() {
        return manifest;
    }

    void failed(String why, Instant at, Instant expires) {
        failure = why;
        finish(State.failed, at, expires);
    }

    private void finish(State end, Instant at, Instant expires) {
        finishedAt = at;
        expiresAt = expires;
        state = end;
    }

    State state() {
        return state;
    }

    /** True once finished and past its expiry. */
    boolean expired(Instant now) {
        Instant expires = expiresAt;
        return expires != null && !now.isBefore(expires);
    }

    ExportJobView view() {
        State current = state;
        return new ExportJobView(id, studyId, current.name(), progress,
                current == State.done ? files.names() : List.of(),
                current == State.done || current == State.review ? manifest : null, failure,
                createdAt, finishedAt, expiresAt);
    }
}
