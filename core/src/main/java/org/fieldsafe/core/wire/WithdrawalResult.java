package org.fieldsafe.core.wire;

import java.time.Instant;

/**
 * What a withdrawal came to, the same every time it is asked again: the respondent's submissions now tombstones -
 * {@code interviews} of the respondent alone and {@code jointInterviews} shared with another respondent (a joint
 * interview is sealed as one, so it is shredded whole) - and the sealed parts and attachments among them whose
 * keys are shredded, and when the withdrawal was first recorded.
 */
public record WithdrawalResult(String study, int interviews, int jointInterviews, int parts, int attachments,
                               Instant withdrawnAt) {
}
