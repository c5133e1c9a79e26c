package org.fieldsafe.server.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.health.HealthCheck;
import java.time.Duration;
import java.time.Instant;
import org.fieldsafe.server.MutableClock;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.health.RetentionHealthCheck;
import org.fieldsafe.server.json.ServerJson;
import org.fieldsafe.server.shredding.SubmissionShredder;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.StudyStore;
import org.fieldsafe.server.storage.TestDatabases;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** The retention job's schedule and its health check, on an empty database and on one that cannot be opened. */
class RetentionJobTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));

    private RetentionJob job(Database database, Duration interval, Duration firstRunAfter) {
        return new RetentionJob(database, new StudyStore(database, ServerJson.api(), clock),
                new SubmissionShredder(database, null), new AuditLog(database, clock), clock, interval, firstRunAfter);
    }

    @Test
    void start_runsOnItsSchedule() throws Exception {
        Database database = TestDatabases.open(TestDatabases.Backend.SQLITE);
        RetentionJob job = job(database, Duration.ofMillis(200), Duration.ZERO);
        HealthCheck.Result before = new RetentionHealthCheck(job).execute();
        assertThat(before.isHealthy()).isTrue();
        assertThat(before.getMessage()).isEqualTo("not run yet; next run 2026-03-01T08:00:00Z");

        job.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (job.status().runs() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            job.stop();
        }

        assertThat(job.status().runs()).isGreaterThanOrEqualTo(2);
        assertThat(countRuns(database)).as("runs that found nothing write nothing").isZero();
        assertThat(job.status().lastRunAt()).isEqualTo(clock.instant());
        assertThat(job.status().failure()).isNull();
        assertThat(new RetentionHealthCheck(job).execute().getMessage())
                .isEqualTo("last run 2026-03-01T08:00:00Z: 0 identity parts shredded; next run 2026-03-01T08:00:00.200Z");
    }

    @Test
    void runOnce_failing_healthCheckUnhealthyNamingTheFailure() {
        Database broken = new Database(Jdbi.create("jdbc:sqlite:/nonexistent-dir/for/sure/fieldsafe.db"),
                Database.Dialect.SQLITE);
        RetentionJob job = job(broken, Duration.ofHours(1), Duration.ofMinutes(1));

        assertThatThrownBy(job::runOnce).isInstanceOf(RuntimeException.class);

        HealthCheck.Result health = new RetentionHealthCheck(job).execute();
        assertThat(health.isHealthy()).isFalse();
        assertThat(health.getMessage()).startsWith("The last retention run (2026-03-01T08:00:00Z) failed: ")
                .endsWith("; next run 2026-03-01T09:00:00Z");
    }

    private static int countRuns(Database database) {
        return database.read(h -> h.createQuery("SELECT COUNT(*) FROM audit_log WHERE event = 'retention.run'")
                .mapTo(Integer.class).one());
    }
}
