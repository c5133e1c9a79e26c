package org.fieldsafe.server.health;

import com.codahale.metrics.health.HealthCheck;
import org.fieldsafe.server.submissions.SubmissionWriter;

/** Healthy while the submission writer thread runs; reports uploads waiting and transactions committed. */
public class SubmissionWriterHealthCheck extends HealthCheck {
    private final SubmissionWriter writer;

    public SubmissionWriterHealthCheck(SubmissionWriter writer) {
        this.writer = writer;
    }

    @Override
    protected Result check() {
        String counts = writer.waiting() + " uploads waiting, " + writer.commits() + " commits";
        return writer.isRunning() ? Result.healthy(counts) : Result.unhealthy("The writer is not running; " + counts);
    }
}
