package org.fieldsafe.server.resources;

import com.codahale.metrics.Counter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.IOException;
import java.util.Optional;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.resources.auth.BearerAccess;
import org.fieldsafe.server.resources.auth.TokenAuthenticator;
import org.fieldsafe.server.resources.auth.TokenLookup;
import org.fieldsafe.server.sync.SyncService;

/**
 * The devices' most frequent request - "has my manifest changed?", {@code GET /api/v1/sync/manifest} with the ETag
 * they hold - answered 304 before Jersey, which spent most of the server's time on it (BENCHMARKS.md (p), (u)). It
 * answers only what {@link SyncResource#manifest} would answer 304, by the same rules: the method's own
 * {@link BearerAccess} (token, role, password guard) and the same {@link SyncService#manifest} document. Every other
 * request goes on to Jersey untouched, which then answers as before: a refused token (401/403), a changed manifest
 * (200), and anything this filter does not read exactly as the resource would (a query, a body, {@code If-Match},
 * an {@code Accept} with parameters, an {@code If-None-Match} other than the one strong tag). It sits after the
 * security headers and the client address, so the answer carries the same headers; the request log writes the same
 * line. A request it authenticated but leaves to Jersey is not looked up twice: Jersey's bearer filter uses the
 * lookup this filter left on the request ({@link TokenLookup}).
 */
public final class ManifestNotModifiedFilter implements Filter {
    /** The manifest's path, as the Jersey servlet ({@code /api/v1/*}) receives it with the server at {@code /}. */
    public static final String PATH = "/api/v1/sync/manifest";

    private final BearerAccess access;
    private final SyncService sync;
    private final Counter answered;

    public ManifestNotModifiedFilter(TokenAuthenticator tokens, SyncService sync, Counter answered) {
        this.access = BearerAccess.of(tokens, SyncResource.class, "manifest");
        this.sync = sync;
        this.answered = answered;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse out
                && answeredHere(http, out)) {
            answered.inc();
            return;
        }
        chain.doFilter(request, response);
    }

    /** A failure here (the database, say) is left to Jersey too, whose mappers answer it as they always have. */
    private boolean answeredHere(HttpServletRequest request, HttpServletResponse response) {
        try {
            return notModified(request, response);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private boolean notModified(HttpServletRequest request, HttpServletResponse response) {
        if (!"GET".equals(request.getMethod()) || !request.getContextPath().isEmpty()
                || !PATH.equals(request.getRequestURI()) || request.getQueryString() != null) {
            return false;
        }
        String tag = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        if (tag == null || request.getHeader(HttpHeaders.IF_MATCH) != null || hasBody(request)
                || !acceptsJson(request.getHeader(HttpHeaders.ACCEPT))) {
            return false;
        }
        TokenLookup lookup = access.lookUp(request.getHeader(HttpHeaders.AUTHORIZATION));
        Optional<FieldsafePrincipal> device = access.allowed(lookup).filter(FieldsafePrincipal::isDevice);
        if (device.isEmpty() || !isQuoted(tag, sync.manifest(device.get().device()).sha256())) {
            if (lookup != null) {
                request.setAttribute(TokenLookup.ATTRIBUTE, lookup); // Jersey's filter uses it: one lookup
            }
            return false;
        }
        response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
        response.setHeader(HttpHeaders.ETAG, tag);
        response.setContentLength(0);
        return true;
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    /**
     * True when {@code accept} is absent or names, among plain media ranges without parameters, one that JSON
     * matches ({@code application/json}, {@code application/*}, {@code *}{@code /*}); anything else is left to
     * Jersey's negotiation.
     */
    static boolean acceptsJson(String accept) {
        if (accept == null) {
            return true;
        }
        if (accept.indexOf(';') >= 0) {
            return false;
        }
        for (String range : accept.split(",")) {
            String r = range.strip();
            if (r.equalsIgnoreCase("application/json") || r.equalsIgnoreCase("application/*") || r.equals("*/*")) {
                return true;
            }
        }
        return false;
    }

    /** {@code tag} is exactly the strong entity tag of {@code sha256}: {@code "<sha256>"}. */
    private static boolean isQuoted(String tag, String sha256) {
        return tag.length() == sha256.length() + 2 && tag.charAt(0) == '"' && tag.charAt(tag.length() - 1) == '"'
                && tag.regionMatches(1, sha256, 0, sha256.length());
    }
}
