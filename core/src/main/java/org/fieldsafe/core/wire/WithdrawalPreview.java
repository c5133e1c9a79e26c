package org.fieldsafe.core.wire;

/**
 * {@code POST /api/v1/studies/{study}/withdrawals/preview}: what a withdrawal of that code would shred, writing
 * nothing - the respondent's {@code interviews} alone and {@code jointInterviews} (shredded whole, the other
 * respondent's answers too) not yet shredded, their sealed {@code parts} (of which {@code identityParts}) and
 * {@code attachments} (recordings), and the referral cases still open on them ({@code openCases}, which lose their
 * sealed referral part). {@code received}: every stored submission of the respondent, shredded before or not (0:
 * no interview with this code has arrived). {@code alreadyWithdrawn}: a withdrawal of this code is recorded already.
 * {@code openRosa}: the respondent's OpenRosa (ODK Collect) submissions the server's index knows of, shredded or not;
 * {@code openRosaUnindexed}: the study's OpenRosa submissions no ODK key holder has opened yet (while any is, a
 * withdrawal needs the ODK key's passphrase).
 */
public record WithdrawalPreview(String study, int received, int interviews, int jointInterviews, int parts,
                                int identityParts, int attachments, int openCases, boolean alreadyWithdrawn,
                                int openRosa, int openRosaUnindexed) {
    public WithdrawalPreview(String study, int received, int interviews, int jointInterviews, int parts,
                             int identityParts, int attachments, int openCases, boolean alreadyWithdrawn) {
        this(study, received, interviews, jointInterviews, parts, identityParts, attachments, openCases,
                alreadyWithdrawn, 0, 0);
    }
}
