package org.fieldsafe.server.resources.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.fieldsafe.server.auth.FieldsafePrincipal;

/**
 * What {@link TokenAuthenticator} found for a request's bearer token ({@link BearerAccess#lookUp}), left by a filter
 * before Jersey that then passes the request on (the manifest's early 304) as the request attribute
 * {@link #ATTRIBUTE}, so that Jersey's {@link BearerTokenFilter} uses it instead of looking the same token up again:
 * each request authenticates once.
 * Only code in this process sets request attributes; a client cannot.
 */
public final class TokenLookup {
    /** The request attribute's name. */
    public static final String ATTRIBUTE = TokenLookup.class.getName();

    private final String token;
    private final Optional<FieldsafePrincipal> principal;

    TokenLookup(String token, Optional<FieldsafePrincipal> principal) {
        this.token = token;
        this.principal = principal;
    }

    /** {@code attribute} when it is a lookup of this very {@code token}, else null. */
    static TokenLookup of(Object attribute, String token) {
        return attribute instanceof TokenLookup lookup && MessageDigest.isEqual(
                lookup.token.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8)) ? lookup : null;
    }

    /** Whom the token stands for (empty: unknown, expired or revoked). */
    Optional<FieldsafePrincipal> principal() {
        return principal;
    }

    @Override
    public String toString() {
        return "TokenLookup[token=[REDACTED], found=" + principal.isPresent() + "]";
    }
}
