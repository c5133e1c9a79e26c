package org.fieldsafe.core.wire;

/** The answer to a transcript save or check: the version written and its status. */
public record TranscriptSaved(int version, String status) {
}
