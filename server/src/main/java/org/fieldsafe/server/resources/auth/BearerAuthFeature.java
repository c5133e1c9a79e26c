package org.fieldsafe.server.resources.auth;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;

/**
 * Puts the bearer-token filter in front of every {@code @RolesAllowed} resource method (401 for a missing,
 * unknown, expired or revoked token). {@code @PermitAll} methods stay open to anyone: unlike dropwizard-auth's
 * {@code AuthDynamicFeature}, this does not require a token there. Role checks (403) are Jersey's
 * {@code RolesAllowedDynamicFeature}. A person still holding a one-time password passes only methods marked
 * {@link BeforePasswordChange} ({@link PasswordChangeGuard}, right after authentication). The token is looked up
 * once per request ({@link BearerTokenFilter}).
 */
public class BearerAuthFeature implements DynamicFeature {
    private final BearerTokenFilter filter;

    public BearerAuthFeature(TokenAuthenticator tokens) {
        this.filter = new BearerTokenFilter.Builder()
                .setAuthenticator(BearerTokenFilter.reusing(tokens))
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
            context.register(filter, Priorities.AUTHENTICATION);
            if (!resourceInfo.getResourceMethod().isAnnotationPresent(BeforePasswordChange.class)) {
                context.register(new PasswordChangeGuard(), Priorities.AUTHENTICATION + 1);
            }
        }
    }
}
