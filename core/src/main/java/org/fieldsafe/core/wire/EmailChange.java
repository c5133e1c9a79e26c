package org.fieldsafe.core.wire;

/** {@code PUT /api/v1/users/{username}/email}: a person's work e-mail address; null or blank removes it. */
public record EmailChange(String email) {
}
