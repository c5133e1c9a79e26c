package org.fieldsafe.server.submissions;

import org.fieldsafe.core.wire.WithdrawalNotice;
import org.fieldsafe.server.problems.DomainException;

/**
 * An upload of a respondent who has withdrawn (problem {@code respondent-withdrawn}): nothing is stored, and the
 * answer carries the server's signed withdrawal notice so the device deletes its sealed copy.
 */
public final class WithdrawnRespondentException extends DomainException {
    private static final long serialVersionUID = 1L;

    private final transient WithdrawalNotice notice;

    public WithdrawnRespondentException(WithdrawalNotice notice) {
        super("respondent-withdrawn", "A respondent of this submission has withdrawn; delete the sealed copy.");
        this.notice = notice;
    }

    public WithdrawalNotice notice() {
        return notice;
    }
}
