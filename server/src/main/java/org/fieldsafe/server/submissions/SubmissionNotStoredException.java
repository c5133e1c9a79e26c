package org.fieldsafe.server.submissions;

import org.fieldsafe.server.problems.DomainException;

/**
 * An upload that was not stored durably in time: the writer failed, stopped or did not answer within the receipt
 * timeout (problem {@code submission-not-stored}). Nothing was acknowledged; the device tries again in {@link
 * #RETRY_AFTER_SECONDS} seconds.
 */
public final class SubmissionNotStoredException extends DomainException {
    private static final long serialVersionUID = 1L;

    public static final int RETRY_AFTER_SECONDS = 5;

    public SubmissionNotStoredException() {
        super("submission-not-stored",
                "The submission could not be stored durably in time; nothing was acknowledged. Try again.");
    }
}
