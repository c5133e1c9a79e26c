package org.fieldsafe.server.resources.console;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.fieldsafe.core.crypto.Macs;
import org.fieldsafe.core.wire.ConsoleSession;
import org.fieldsafe.core.wire.LoginResponse;
import org.fieldsafe.server.auth.FieldsafePrincipal;

/**
 * The console's session cookie and its CSRF token (DESIGN.md section 13). The cookie carries the same login token a
 * bearer carries, HttpOnly, SameSite=Strict, Secure when the request came over TLS (or a trusted proxy says so). The
 * CSRF token is an HMAC of a fixed label under the session token: the page learns it from {@code /api/v1/session}
 * and must echo it in {@code X-CSRF-Token}; another site can neither read the cookie nor compute it.
 */
public final class SessionCookies {
    /** The cookie's name. */
    public static final String NAME = "fieldsafe_session";
    /** The header a cookie session sends its CSRF token in. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String CSRF_LABEL = "fieldsafe console csrf v1";

    private final Clock clock;

    public SessionCookies(Clock clock) {
        this.clock = clock;
    }

    /** The CSRF token of a session token. */
    public static String csrfToken(String sessionToken) {
        return Macs.hmacSha256Hex(sessionToken.getBytes(StandardCharsets.UTF_8), CSRF_LABEL);
    }

    /** The session cookie's token in the request's cookies, or null. */
    public static String token(Map<String, Cookie> cookies) {
        Cookie cookie = cookies.get(NAME);
        return cookie == null || cookie.getValue() == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
    }

    /** The cookie that holds a fresh login's token until it expires. */
    public NewCookie issue(LoginResponse login, boolean secure) {
        return cookie(login.token(), secure, (int) Math.min(Integer.MAX_VALUE, secondsLeft(login.expiresAt())));
    }

    /** The cookie that removes the session cookie from the browser. */
    public NewCookie clear(boolean secure) {
        return cookie("", secure, 0);
    }

    /** What the page learns of a fresh login: everything but the token, plus the CSRF token. */
    public ConsoleSession session(LoginResponse login) {
        return new ConsoleSession(login.username(), login.role(), login.sites(), login.passwordChangeRequired(),
                login.expiresAt(), secondsLeft(login.expiresAt()), csrfToken(login.token()));
    }

    /** What the page learns of the session its cookie stands for. */
    public ConsoleSession session(FieldsafePrincipal principal, Instant expiresAt, String token) {
        return new ConsoleSession(principal.name(), principal.role().wire(), principal.sites(),
                principal.passwordChangeRequired(), expiresAt, expiresAt == null ? 0 : secondsLeft(expiresAt),
                csrfToken(token));
    }

    private long secondsLeft(Instant expiresAt) {
        return Math.max(0, Duration.between(Instant.now(clock), expiresAt).getSeconds());
    }

    private static NewCookie cookie(String value, boolean secure, int maxAge) {
        return new NewCookie.Builder(NAME).value(value).path("/").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
    }
}
