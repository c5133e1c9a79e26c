package org.fieldsafe.core.wire;

/**
 * An RFC 9457 problem body ({@code application/problem+json}). {@code type} is stable:
 * {@code urn:fieldsafe:problem:<slug>}.
 */
public record Problem(String type, String title, int status, String detail) {
    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:fieldsafe:problem:";

    public static Problem of(String slug, String title, int status, String detail) {
        return new Problem(TYPE_PREFIX + slug, title, status, detail);
    }
}
