package org.fieldsafe.core.wire;

/** An opened transcript or translation: the text of one version. {@link #toString()} redacts it. */
public record TranscriptText(String kind, String language, int version, String status, String text) {
    @Override
    public String toString() {
        return "TranscriptText[kind=" + kind + ", language=" + language + ", version=" + version + ", status="
                + status + ", text=[REDACTED]]";
    }
}
