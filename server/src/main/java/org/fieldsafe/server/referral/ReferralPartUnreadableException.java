package org.fieldsafe.server.referral;

import org.fieldsafe.server.problems.DomainException;

/**
 * A case's referral part does not open with the study's safeguarding key (problem {@code
 * referral-part-unreadable}): it was altered, shredded or sealed to another key.
 */
public final class ReferralPartUnreadableException extends DomainException {
    private static final long serialVersionUID = 1L;

    public ReferralPartUnreadableException() {
        super("referral-part-unreadable",
                "The referral part does not open with the study's safeguarding key: it was altered, shredded or "
                + "sealed to another key.");
    }
}
