package org.fieldsafe.server.resources.auth;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import org.fieldsafe.core.wire.Problem;
import org.fieldsafe.server.mappers.Problems;

/**
 * Refuses, with 400 {@code token-in-query}, every API request whose query has an {@code access_token} parameter
 * (OAuth 2.0's bearer token in the URI, RFC 6750 section 2.3, which dropwizard-auth's OAuth filter would accept):
 * nothing of Fieldsafe sends one, and a token in an address stays in access logs, proxies and browser history. It
 * runs before resource matching and before any authentication, so such a request is neither authenticated nor
 * handled; only the body limit ({@code RequestSizeLimitFilter}) and the console's cookie and CSRF check come first.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 50)
public final class TokenInQueryFilter implements ContainerRequestFilter {
    /** The query parameter RFC 6750 names for a bearer token. */
    static final String PARAMETER = "access_token";
    private static final Problem TOKEN_IN_QUERY = Problem.of("token-in-query", "Token in the address", 400,
            "Send the token in the Authorization header (Authorization: Bearer <token>), never in the address: "
                    + "requests with an access_token query parameter are refused.");

    @Override
    public void filter(ContainerRequestContext request) {
        // the query is decoded (as dropwizard-auth read it: access%5Ftoken too) only when there is one
        if (request.getUriInfo().getRequestUri().getRawQuery() != null
                && request.getUriInfo().getQueryParameters().containsKey(PARAMETER)) {
            request.abortWith(Problems.response(TOKEN_IN_QUERY));
        }
    }
}
