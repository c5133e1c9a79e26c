package org.fieldsafe.server.auth;

/** A row of {@code user_sites}. */
public record UserSiteRow(String username, String site) {
}
