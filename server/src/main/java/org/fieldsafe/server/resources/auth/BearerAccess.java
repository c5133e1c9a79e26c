package org.fieldsafe.server.resources.auth;

import io.dropwizard.auth.Authorizer;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.fieldsafe.server.auth.FieldsafePrincipal;

/**
 * The bearer-token rules {@link BearerAuthFeature} applies to one {@code @RolesAllowed} resource method, for a caller
 * that answers before Jersey (the manifest's early 304): the same {@link TokenAuthenticator}, the same
 * {@link RoleAuthorizer} over the method's own {@code @RolesAllowed} roles, the same {@link PasswordChangeGuard}. It
 * only says yes or "not sure": a caller hands every request it does not get a principal for to Jersey, whose filters
 * then give the answer (401, 403) as for any other request, reusing the caller's lookup ({@link TokenLookup}).
 */
public final class BearerAccess {
    /** The {@code Authorization} scheme, as {@link BearerAuthFeature} reads it. */
    static final String PREFIX = "Bearer";

    private final TokenAuthenticator authenticator;
    private final Authorizer<FieldsafePrincipal> authorizer;
    private final String[] roles;
    private final boolean guarded;

    private BearerAccess(TokenAuthenticator authenticator,
                         Authorizer<FieldsafePrincipal> authorizer, String[] roles, boolean guarded) {
        this.authenticator = authenticator;
        this.authorizer = authorizer;
        this.roles = roles;
        this.guarded = guarded;
    }

    /**
     * The rules of {@code resource}'s one public method called {@code name} (a {@code @RolesAllowed} resource method)
     * with the token lookup {@code tokens}; fails at start-up when there is no such method or more than one, so a
     * filter answering for the method before Jersey is looked at again when the method changes.
     */
    public static BearerAccess of(TokenAuthenticator tokens, Class<?> resource, String name) {
        List<Method> found = Arrays.stream(resource.getMethods()).filter(m -> m.getName().equals(name)).toList();
        if (found.size() != 1) {
            throw new IllegalStateException(resource.getSimpleName() + "." + name
                    + " has changed: update the filter that answers for it before Jersey");
        }
        return of(tokens, found.get(0));
    }

    /** The rules of {@code method} (a {@code @RolesAllowed} resource method) with the token lookup {@code tokens}. */
    static BearerAccess of(TokenAuthenticator tokens, Method method) {
        RolesAllowed allowed = method.isAnnotationPresent(RolesAllowed.class)
                ? method.getAnnotation(RolesAllowed.class)
                : method.getDeclaringClass().getAnnotation(RolesAllowed.class);
        if (allowed == null) {
            throw new IllegalArgumentException(method + " is not @RolesAllowed");
        }
        return new BearerAccess(tokens, new RoleAuthorizer(), allowed.value().clone(),
                !method.isAnnotationPresent(BeforePasswordChange.class));
    }

    /**
     * The lookup of the token in this {@code Authorization} header (read as dropwizard-auth's OAuth filter reads it:
     * the scheme up to the first space, the token after it); null when the header names no bearer token. A caller
     * that leaves the request to Jersey after all puts it on the request ({@link TokenLookup#ATTRIBUTE}), so that
     * Jersey's filter does not look the same token up again.
     */
    public TokenLookup lookUp(String authorization) {
        String token = token(authorization);
        return token == null ? null : new TokenLookup(token, authenticator.authenticate(token));
    }

    /**
     * The principal the method would be called for after {@code lookup}; empty when the Jersey path would refuse
     * the request or might (no bearer token, an unknown, expired or revoked token, a role the method does not allow,
     * a one-time password still to change).
     */
    public Optional<FieldsafePrincipal> allowed(TokenLookup lookup) {
        if (lookup == null) {
            return Optional.empty();
        }
        return lookup.principal().filter(p -> inRole(p) && !(guarded && PasswordChangeGuard.refuses(p)));
    }

    /** The token of an {@code Authorization: Bearer <token>} header, else null. */
    static String token(String authorization) {
        if (authorization == null) {
            return null;
        }
        int space = authorization.indexOf(' ');
        if (space != PREFIX.length() || !authorization.regionMatches(true, 0, PREFIX, 0, space)) {
            return null;
        }
        return authorization.substring(space + 1);
    }

    private boolean inRole(FieldsafePrincipal principal) {
        for (String role : roles) {
            if (authorizer.authorize(principal, role, null)) {
                return true;
            }
        }
        return false;
    }
}
