package org.fieldsafe.server.resources.auth;

import io.dropwizard.auth.Authenticator;
import io.dropwizard.auth.AuthenticationException;
import io.dropwizard.auth.Authorizer;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.Method;
import java.util.Optional;
import org.fieldsafe.server.auth.AuthService;
import org.fieldsafe.server.auth.FieldsafePrincipal;

/**
 * The bearer-token rules {@link BearerAuthFeature} applies to one {@code @RolesAllowed} resource method, for a caller
 * that answers before Jersey (the manifest's early 304): the same {@link TokenAuthenticator}, the same
 * {@link RoleAuthorizer} over the method's own {@code @RolesAllowed} roles, the same {@link PasswordChangeGuard}. It
 * only says yes or "not sure": a caller hands every request it does not get a principal for to Jersey, whose filters
 * then give the answer (401, 403) as for any other request.
 */
public final class BearerAccess {
    /** The {@code Authorization} scheme, as {@link BearerAuthFeature} reads it. */
    static final String PREFIX = "Bearer";

    private final Authenticator<String, FieldsafePrincipal> authenticator;
    private final Authorizer<FieldsafePrincipal> authorizer;
    private final String[] roles;
    private final boolean guarded;

    private BearerAccess(Authenticator<String, FieldsafePrincipal> authenticator,
                         Authorizer<FieldsafePrincipal> authorizer, String[] roles, boolean guarded) {
        this.authenticator = authenticator;
        this.authorizer = authorizer;
        this.roles = roles;
        this.guarded = guarded;
    }

    /** The rules of {@code method} (a {@code @RolesAllowed} resource method) with {@code auth}'s token lookup. */
    public static BearerAccess of(AuthService auth, Method method) {
        RolesAllowed allowed = method.isAnnotationPresent(RolesAllowed.class)
                ? method.getAnnotation(RolesAllowed.class)
                : method.getDeclaringClass().getAnnotation(RolesAllowed.class);
        if (allowed == null) {
            throw new IllegalArgumentException(method + " is not @RolesAllowed");
        }
        return new BearerAccess(new TokenAuthenticator(auth), new RoleAuthorizer(), allowed.value().clone(),
                !method.isAnnotationPresent(BeforePasswordChange.class));
    }

    /**
     * The principal the method would be called for with this {@code Authorization} header (read as dropwizard-auth's
     * OAuth filter reads it: the scheme up to the first space, the token after it); empty when the Jersey path
     * would refuse the request or might (no such header, an unknown, expired or revoked token, a role the method
     * does not allow, a one-time password still to change).
     */
    public Optional<FieldsafePrincipal> allowed(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        int space = authorization.indexOf(' ');
        if (space != PREFIX.length() || !authorization.regionMatches(true, 0, PREFIX, 0, space)) {
            return Optional.empty();
        }
        Optional<FieldsafePrincipal> principal;
        try {
            principal = authenticator.authenticate(authorization.substring(space + 1));
        } catch (AuthenticationException e) {
            return Optional.empty();
        }
        return principal.filter(p -> inRole(p) && !(guarded && PasswordChangeGuard.refuses(p)));
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
