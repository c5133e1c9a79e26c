package org.fieldsafe.server.referral;

import java.time.Instant;

/**
 * A correction of a referral case (V17): the case version it made, when and by whom, the reason code, and the
 * referral it took back (state, service id, date). Codes and ids only.
 */
public record CaseCorrection(String caseId, int version, Instant correctedAt, String correctedBy, String reason,
                             String fromState, String fromService, String fromDate) {
}
