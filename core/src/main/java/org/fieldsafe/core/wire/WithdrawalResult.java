package org.fieldsafe.core.wire;

import java.time.Instant;

/**
 * What a withdrawal came to, the same every time it is asked again: the respondent's submissions now tombstones -
 * {@code interviews} of the respondent alone and {@code jointInterviews} shared with another respondent (a joint
 * interview is sealed as one, so it is shredded whole) - and the sealed parts and attachments among them whose
 * keys are shredded, and when the withdrawal was first recorded; {@code openRosa}: the respondent's OpenRosa (ODK
 * Collect) submissions shredded, found by the respondent index their key holders' openings built.
 */
public record WithdrawalResult(String study, int interviews, int jointInterviews, int parts, int attachments,
                               Instant withdrawnAt, int openRosa) {
    public WithdrawalResult(String study, int interviews, int jointInterviews, int parts, int attachments,
                            Instant withdrawnAt) {
        this(study, interviews, jointInterviews, parts, attachments, withdrawnAt, 0);
    }
}
