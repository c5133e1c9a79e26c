package org.fieldsafe.server.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export jobs' files at rest: what an earlier run left is gone at start-up (the files themselves: the export
 * module's EncryptedExportFilesTest).
 */
class ExportJobsTest {
    @TempDir
    Path dir;

    @Test
    void start_deletesWhatAnEarlierRunLeft() throws IOException {
        Path root = dir.resolve("exports");
        Files.createDirectories(root.resolve("old-job"));
        Files.writeString(root.resolve("old-job").resolve("export-long.csv.sealed"), "unreadable now");
        ExportJobs jobs = new ExportJobs(null, null, null, null, null, null, null, Clock.systemUTC(), null, root, 1, 0,
                Duration.ofHours(1), AddedSources.NONE);
        jobs.start();
        try (var left = Files.list(root)) {
            assertThat(left).isEmpty();
        } finally {
            jobs.stop();
        }
    }
}
