package org.fieldsafe.export;

import org.fieldsafe.core.wire.SubmissionHeader;

/** One stored submission as the export reads it: its id, its cleartext header and the envelope's JSON bytes. */
public record SealedSubmission(String submissionId, SubmissionHeader header, byte[] envelope) {
}
