package org.fieldsafe.server.openrosa;

import java.time.Instant;

/** A row of {@code openrosa_submissions}: an ODK-encrypted submission's plaintext manifest and its state. */
public record OpenRosaSubmissionRow(String id, String studyId, String formId, String formVersion, String instanceId,
                                    String deviceId, String site, String enumerator, String manifest,
                                    String manifestSha256, String lacks, String state, Instant receivedAt,
                                    Instant completedAt) {
    public static final String INCOMPLETE = "incomplete";
    public static final String COMPLETE = "complete";
    /** What an ODK submission lacks against a Fieldsafe envelope (the {@code lacks} column). */
    public static final String LACKS = "device-consent-gate,aead-header,forgeable-md5-signature";
}
