package org.fieldsafe.server.referral;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * A referral case as the API shows it to an officer of its site: codes, ids and times only (ISO-8601), and the states
 * it may change to now. Nothing of the respondent: that is in the sealed referral part.
 */
public record CaseView(String id, String study, String site, String submissionId, String category, String urgency,
                       String choice, String raisedBy, String state, String openedAt, String acknowledgedAt,
                       String acknowledgedBy, String referredService, String referredOn, String referredBy,
                       String closedAt, String closedBy, String outcome, String escalatedAt, int version,
                       List<String> next) {

    static CaseView of(ReferralCaseRow r) {
        return new CaseView(r.id(), r.studyId(), r.site(), r.submissionId(), r.category(), r.urgency(), r.choice(),
                r.raisedBy(), r.state(), text(r.openedAt()), text(r.acknowledgedAt()), r.acknowledgedBy(),
                r.referredService(), r.referredOn(), r.referredBy(), text(r.closedAt()), r.closedBy(), r.outcome(),
                text(r.escalatedAt()), r.version(), CaseState.parse(r.state()).orElseThrow().next().stream()
                        .map(CaseState::wire).sorted().toList());
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    /** The opened referral part of a case, as read by its officer. */
    public record Part(String caseId, String submissionId, JsonNode referral) {
    }

    /** Cases of a study at one site, in one category and state. */
    public record Count(String site, String category, String state, int cases) {
    }
}
