package org.fieldsafe.server.resources.auth;

import io.dropwizard.auth.AuthFilter;
import io.dropwizard.auth.Authenticator;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import org.fieldsafe.server.auth.FieldsafePrincipal;

/**
 * dropwizard-auth's bearer-token filter: the token read as its {@code OAuthCredentialAuthFilter} reads it from the
 * {@code Authorization} header, but never from the query ({@link TokenInQueryFilter} refuses those), and looked up
 * once per request: when a filter before Jersey already looked up the same token for this request
 * ({@link TokenLookup}), that outcome is used. The security context and the 401 are dropwizard-auth's, as before.
 */
@Priority(Priorities.AUTHENTICATION)
final class BearerTokenFilter extends AuthFilter<BearerTokenFilter.Bearer, FieldsafePrincipal> {
    /** A request's bearer token and the lookup of it made earlier in the same request (null when there was none). */
    record Bearer(String token, TokenLookup earlier) {
        @Override
        public String toString() {
            return "Bearer[token=[REDACTED], looked up before=" + (earlier != null) + "]";
        }
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String token = BearerAccess.token(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        Bearer bearer = token == null ? null
                : new Bearer(token, TokenLookup.of(request.getProperty(TokenLookup.ATTRIBUTE), token));
        if (!authenticate(request, bearer, SecurityContext.BASIC_AUTH)) {
            throw unauthorizedHandler.buildException(prefix, realm);
        }
    }

    /** The earlier lookup's outcome when there was one, else {@code tokens}' lookup. */
    static Authenticator<Bearer, FieldsafePrincipal> reusing(TokenAuthenticator tokens) {
        return bearer -> bearer.earlier() != null ? bearer.earlier().principal() : tokens.authenticate(bearer.token());
    }

    static final class Builder extends AuthFilterBuilder<Bearer, FieldsafePrincipal, BearerTokenFilter> {
        @Override
        protected BearerTokenFilter newInstance() {
            return new BearerTokenFilter();
        }
    }
}
