package org.fieldsafe.core.forms;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How long submissions' sealed parts are kept, counted from the server's receipt: {@code identityDays} for identity
 * parts; {@code researchDays} (null when study.yaml has none: research data is kept, and then absent from the
 * canonical JSON, so the study's hash is unchanged) for everything else - every sealed part, recording, transcript
 * and translation version.
 */
public record Retention(int identityDays, @JsonInclude(JsonInclude.Include.NON_NULL) Integer researchDays) {

    /** Identity parts only: research data is kept. */
    public Retention(int identityDays) {
        this(identityDays, null);
    }
}
