package org.fieldsafe.client.interview;

/** What is kept when the respondent stops the interview (their right, at any moment). */
public enum StopPolicy {
    /** Nothing is kept: the session is discarded. */
    DISCARD_ALL,
    /** What was answered is kept and sealed, marked {@code stoppedEarly}. */
    KEEP_ANSWERED
}
