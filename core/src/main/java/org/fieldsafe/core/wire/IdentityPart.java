package org.fieldsafe.core.wire;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The opened {@code identity} part of a submission (docs/sealing.md: {@code {"respondents": [{"code": ...,
 * "answers": {...}}]}}), as a principal investigator reads it. {@link #toString()} never shows it.
 */
public record IdentityPart(String submissionId, String study, String reason, JsonNode identity) {
    @Override
    public String toString() {
        return "IdentityPart[submissionId=" + submissionId + ", study=" + study + ", identity=[REDACTED]]";
    }
}
