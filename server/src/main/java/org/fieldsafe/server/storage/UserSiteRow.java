package org.fieldsafe.server.storage;

/** A row of {@code user_sites}. */
public record UserSiteRow(String username, String site) {
}
