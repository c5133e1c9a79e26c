package org.fieldsafe.server.referral;

import java.time.Instant;
import java.util.List;
import org.fieldsafe.core.wire.CaseView;

/** A referral case as the wire shows it ({@link CaseView}), built from its row. */
final class CaseViews {
    private CaseViews() {
    }

    static CaseView of(ReferralCaseRow r, Instant deadline, List<CaseCorrection> corrections) {
        return new CaseView(r.id(), r.studyId(), r.site(), r.submissionId(), r.category(), r.urgency(), r.choice(),
                r.raisedBy(), r.state(), text(r.openedAt()), text(r.acknowledgedAt()), r.acknowledgedBy(),
                r.referredService(), r.referredOn(), r.referredBy(), text(r.closedAt()), r.closedBy(), r.outcome(),
                text(r.escalatedAt()), r.version(), CaseState.parse(r.state()).orElseThrow().next().stream()
                        .map(CaseState::wire).sorted().toList(), text(deadline),
                corrections.stream().map(c -> new CaseView.Correction(c.version(), text(c.correctedAt()),
                        c.correctedBy(), c.reason(), c.fromState(), c.fromService(), c.fromDate())).toList());
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
