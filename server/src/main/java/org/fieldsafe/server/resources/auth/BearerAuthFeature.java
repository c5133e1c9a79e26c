package org.fieldsafe.server.resources.auth;

import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import org.fieldsafe.server.auth.AuthService;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Role;

/**
 * Puts the bearer-token filter in front of every {@code @RolesAllowed} resource method (401 for a missing,
 * unknown, expired or revoked token). {@code @PermitAll} methods stay open to anyone: unlike dropwizard-auth's
 * {@code AuthDynamicFeature}, this does not require a token there. Role checks (403) are Jersey's
 * {@code RolesAllowedDynamicFeature}. A person still holding a one-time password passes only methods marked
 * {@link BeforePasswordChange} ({@link PasswordChangeGuard}, right after authentication).
 */
public class BearerAuthFeature implements DynamicFeature {
    private final OAuthCredentialAuthFilter<FieldsafePrincipal> filter;

    public BearerAuthFeature(AuthService auth) {
        this.filter = new OAuthCredentialAuthFilter.Builder<FieldsafePrincipal>()
                .setAuthenticator(new TokenAuthenticator(auth))
                .setAuthorizer(new RoleAuthorizer())
                .setPrefix(BearerAccess.PREFIX)
                .setRealm("fieldsafe")
                .setUnauthorizedHandler(new ProblemUnauthorizedHandler())
                .buildAuthFilter();
    }

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        if (resourceInfo.getResourceMethod().isAnnotationPresent(RolesAllowed.class)
                || resourceInfo.getResourceClass().isAnnotationPresent(RolesAllowed.class)) {
            context.register(filter);
            if (!resourceInfo.getResourceMethod().isAnnotationPresent(BeforePasswordChange.class)) {
                context.register(new PasswordChangeGuard(), Priorities.AUTHENTICATION + 1);
            }
        }
    }
}
