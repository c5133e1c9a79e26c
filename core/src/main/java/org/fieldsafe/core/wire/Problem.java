package org.fieldsafe.core.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem body ({@code application/problem+json}). {@code type} is stable:
 * {@code urn:fieldsafe:problem:<slug>}. {@code withdrawal} (an extension member, absent from every other problem)
 * is the server's signed word that a submission's respondent withdrew, carried by the 410 answer: a device
 * deletes its sealed copy only when it verifies, never on the status alone.
 */
public record Problem(String type, String title, int status, String detail,
                      @JsonInclude(JsonInclude.Include.NON_NULL) WithdrawalNotice withdrawal) {
    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:fieldsafe:problem:";

    public Problem(String type, String title, int status, String detail) {
        this(type, title, status, detail, null);
    }

    public static Problem of(String slug, String title, int status, String detail) {
        return new Problem(TYPE_PREFIX + slug, title, status, detail);
    }
}
