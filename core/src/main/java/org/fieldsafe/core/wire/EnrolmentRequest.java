package org.fieldsafe.core.wire;

/** {@code POST /api/v1/enrolments}: a coordinator asks for a one-time code for an enumerator at a site. */
public record EnrolmentRequest(String study, String site, String enumerator) {
}
