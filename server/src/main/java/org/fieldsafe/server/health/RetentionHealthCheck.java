package org.fieldsafe.server.health;

import com.codahale.metrics.health.HealthCheck;
import org.fieldsafe.server.retention.RetentionJob;

/** The retention job: its last run (time, identity parts and whole submissions shredded) and next run; unhealthy when the last run failed. */
public class RetentionHealthCheck extends HealthCheck {
    private final RetentionJob job;

    public RetentionHealthCheck(RetentionJob job) {
        this.job = job;
    }

    @Override
    protected Result check() {
        RetentionJob.Status s = job.status();
        ResultBuilder result = Result.builder()
                .withDetail("lastRunAt", s.lastRunAt() == null ? "never" : s.lastRunAt().toString())
                .withDetail("identityPartsShredded", s.identityParts())
                .withDetail("submissionsLookedAt", s.submissions())
                .withDetail("submissionsShreddedWhole", s.last().researchSubmissions())
                .withDetail("transcriptVersionsShredded", s.last().transcriptVersions())
                .withDetail("nextRunAt", s.nextRunAt().toString());
        if (s.failure() != null) {
            return result.unhealthy().withMessage("The last retention run (" + s.lastRunAt() + ") failed: "
                    + s.failure() + "; next run " + s.nextRunAt()).build();
        }
        String last = s.lastRunAt() == null ? "not run yet"
                : "last run " + s.lastRunAt() + ": " + s.identityParts() + " identity parts shredded"
                        + (s.last().researchSubmissions() == 0 ? "" : ", " + s.last().researchSubmissions()
                        + " submissions shredded whole (research_days)");
        return result.healthy().withMessage(last + "; next run " + s.nextRunAt()).build();
    }
}
