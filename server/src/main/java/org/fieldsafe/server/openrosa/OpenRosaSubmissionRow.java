package org.fieldsafe.server.openrosa;

import java.time.Instant;

/**
 * A row of {@code openrosa_submissions}: an ODK-encrypted submission's plaintext manifest and its state;
 * {@code codeHash} the respondent code's keyed hash once a key holder opened it (V43), {@code withdrawnAt} set when
 * it was shredded for a withdrawal.
 */
public record OpenRosaSubmissionRow(String id, String studyId, String formId, String formVersion, String instanceId,
                                    String deviceId, String site, String enumerator, String manifest,
                                    String manifestSha256, String lacks, String state, Instant receivedAt,
                                    Instant completedAt, String codeHash, Instant withdrawnAt) {
    public static final String INCOMPLETE = "incomplete";
    public static final String COMPLETE = "complete";
    /** What an ODK submission lacks against a Fieldsafe envelope (the {@code lacks} column). */
    /** {@code code_hash} of a submission its key holder opened without finding a respondent code. */
    public static final String NO_CODE = "none";
    public static final String LACKS = "device-consent-gate,aead-header,forgeable-md5-signature";
}
