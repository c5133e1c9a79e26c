package org.fieldsafe.server.referral;

import java.time.Instant;

/**
 * A row of {@code referral_cases} (V10): codes and times only, never free text. {@code state} is a
 * {@link CaseState#wire()} value; {@code raisedBy} is {@code enumerator} or {@code rule}; {@code referredOn} an ISO
 * date; {@code escalatedAt} null until the case was escalated (once) for missing its acknowledgement deadline.
 */
public record ReferralCaseRow(String id, String studyId, String site, String submissionId, String category,
                              String urgency, String choice, String raisedBy, String state, Instant openedAt,
                              Instant acknowledgedAt, String acknowledgedBy, String referredService,
                              String referredOn, String referredBy, Instant closedAt, String closedBy,
                              String outcome, Instant escalatedAt, int version, Instant updatedAt) {
}
