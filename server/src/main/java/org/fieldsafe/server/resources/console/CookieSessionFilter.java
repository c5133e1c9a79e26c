package org.fieldsafe.server.resources.console;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import org.fieldsafe.core.wire.Problem;
import org.fieldsafe.server.mappers.Problems;

/**
 * Lets the console's session cookie stand for a bearer token (DESIGN.md section 13). A request that carries an
 * {@code Authorization} header is left as it is (the CLI and devices). A request with only the cookie: an unsafe
 * method must come from this server's own origin ({@code Origin}, 403 {@code origin-refused} otherwise) and carry the
 * session's CSRF token in {@code X-CSRF-Token} (403 {@code csrf-token-missing} / {@code csrf-token-invalid}); then the
 * cookie's token is handed to the bearer authentication as if it were the header. Login ({@code POST /session})
 * carries no cookie yet, but its {@code Origin}, if any, must still be the server's own (no login CSRF).
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class CookieSessionFilter implements ContainerRequestFilter {
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private static final Problem FOREIGN_ORIGIN = Problem.of("origin-refused", "Request from another site", 403,
            "An unsafe request with the console's session must come from the console's own page.");
    private static final Problem CSRF_MISSING = Problem.of("csrf-token-missing", "CSRF token missing", 403,
            "An unsafe request with the console's session must carry the session's X-CSRF-Token header.");
    private static final Problem CSRF_INVALID = Problem.of("csrf-token-invalid", "CSRF token not valid", 403,
            "The X-CSRF-Token header does not belong to this session; reload the page.");

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getHeaderString(HttpHeaders.AUTHORIZATION) != null) {
            return;
        }
        boolean unsafe = !SAFE.contains(request.getMethod());
        String token = SessionCookies.token(request.getCookies());
        if (unsafe && (token != null || isLogin(request)) && !sameOrigin(request)) {
            request.abortWith(Problems.response(FOREIGN_ORIGIN));
            return;
        }
        if (token == null) {
            return;
        }
        if (unsafe) {
            String csrf = request.getHeaderString(SessionCookies.CSRF_HEADER);
            if (csrf == null || csrf.isEmpty()) {
                request.abortWith(Problems.response(CSRF_MISSING));
                return;
            }
            if (!MessageDigest.isEqual(csrf.getBytes(StandardCharsets.UTF_8),
                    SessionCookies.csrfToken(token).getBytes(StandardCharsets.UTF_8))) {
                request.abortWith(Problems.response(CSRF_INVALID));
                return;
            }
        }
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token);
    }

    private static boolean isLogin(ContainerRequestContext request) {
        return "session".equals(request.getUriInfo().getPath(true).replaceAll("^/+|/+$", ""));
    }

    /**
     * Whether {@code Origin} names this server as the browser reached it (scheme by TLS or a trusted proxy, host and
     * port by {@code Host}). A cookie request without {@code Origin} is refused: browsers send it on every unsafe
     * fetch; only a login without a cookie may come without one (the CLI does not log in here, but a script may).
     */
    private static boolean sameOrigin(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        if (origin == null) {
            return SessionCookies.token(request.getCookies()) == null;
        }
        String host = request.getHeaderString(HttpHeaders.HOST);
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin.strip());
            String scheme = request.getSecurityContext().isSecure() ? "https" : "http";
            int defaultPort = "https".equals(scheme) ? 443 : 80;
            String authority = uri.getPort() < 0 || uri.getPort() == defaultPort
                    ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            String own = host.strip().endsWith(":" + defaultPort)
                    ? host.strip().substring(0, host.strip().length() - (":" + defaultPort).length()) : host.strip();
            return scheme.equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null
                    && authority.equalsIgnoreCase(own);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
