package org.fieldsafe.export;

import java.time.Instant;
import java.util.List;

/**
 * An export job as {@code GET /exports/{id}} shows it: files and manifest once done; {@code failure} a fixed sentence
 * (never data) when failed; {@code expiresAt} when its files will be deleted. The server's job answers with it; the
 * admin CLI reads it.
 */
public record ExportJobView(String id, String study, String state, Progress progress, List<String> files,
                            ExportManifest manifest, String failure, Instant createdAt, Instant finishedAt,
                            Instant expiresAt) {
    /** Progress as the API shows it: phase, items done, total. */
    public record Progress(String phase, long done, long total) {
    }
}
