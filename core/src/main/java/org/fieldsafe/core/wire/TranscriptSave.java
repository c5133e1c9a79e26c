package org.fieldsafe.core.wire;

/**
 * {@code PUT /api/v1/submissions/{id}/transcripts/{kind}/{language}}: the text (sealed by the server at once, never
 * stored in plaintext), {@code status} {@code draft} (an autosave: replaces the author's open draft) or {@code done}
 * (fixes the version), and {@code basedOn}: the latest version the author started from (null for the first), so a
 * save over a newer version is refused (409). {@link #toString()} redacts the text.
 */
public record TranscriptSave(String text, String status, Integer basedOn) {
    public static final String DRAFT = "draft";
    public static final String DONE = "done";
    public static final String CHECKED = "checked";

    @Override
    public String toString() {
        return "TranscriptSave[text=[REDACTED], status=" + status + ", basedOn=" + basedOn + "]";
    }
}
