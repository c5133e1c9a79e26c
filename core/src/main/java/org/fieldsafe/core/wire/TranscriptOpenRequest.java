package org.fieldsafe.core.wire;

/**
 * {@code POST /api/v1/submissions/{id}/transcripts/{kind}/{language}/{version}/open}: the passphrase of the caller's
 * copy of the study's transcription or research key (a JSON string, read into an array the server wipes).
 * {@link #toString()} redacts it.
 */
public record TranscriptOpenRequest(char[] passphrase) {
    @Override
    public String toString() {
        return "TranscriptOpenRequest[passphrase=[REDACTED]]";
    }
}
