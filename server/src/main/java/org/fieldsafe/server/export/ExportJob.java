package org.fieldsafe.server.export;

import java.time.Instant;
import java.util.List;
import org.fieldsafe.export.EncryptedExportFiles;
import org.fieldsafe.export.ExportJobView;
import org.fieldsafe.export.ExportJobView.Progress;
import org.fieldsafe.export.ExportManifest;
import org.fieldsafe.export.ExportProgress;

/**
 * One export job held in memory (a restart loses it, and its encrypted files cannot be read without the key that
 * was in memory): who asked, its state and progress, its files and, when done, its manifest.
 */
public final class ExportJob implements ExportProgress {
    /** A job's states. */
    public enum State { queued, running, done, failed }

    final String id;
    final String studyId;
    final String creator;
    final Instant createdAt;
    final EncryptedExportFiles files;
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
                current == State.done ? files.names() : List.of(), current == State.done ? manifest : null, failure,
                createdAt, finishedAt, expiresAt);
    }
}
