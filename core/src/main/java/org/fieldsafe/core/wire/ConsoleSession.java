package org.fieldsafe.core.wire;

import java.time.Instant;
import java.util.List;

/**
 * A console (browser) session ({@code /api/v1/session}): who is logged in, until when, and the CSRF token the page
 * sends as {@code X-CSRF-Token} on every unsafe request. The session token itself travels only in the HttpOnly
 * cookie, never in this body. {@code passwordChangeRequired}: the password is one-time and must be changed first.
 * {@code expiresInSeconds}: the session's time left by the server's clock (the page counts from when it got this,
 * so a browser whose clock is off still leaves at the right moment).
 */
public record ConsoleSession(String username, String role, List<String> sites, boolean passwordChangeRequired,
                             Instant expiresAt, long expiresInSeconds, String csrfToken) {
}
