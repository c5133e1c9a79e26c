package org.fieldsafe.server.resources.auth;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import org.fieldsafe.core.wire.Problem;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.mappers.Problems;

/**
 * After authentication: a person whose password is still one-time gets 403 {@code password-change-required} from
 * every method not marked {@link BeforePasswordChange}.
 */
final class PasswordChangeGuard implements ContainerRequestFilter {
    private static final Problem REQUIRED = Problem.of("password-change-required", "Password change required", 403,
            "This account's password is a one-time password: change it first (POST /api/v1/auth/password, "
                    + "or admin login).");

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getSecurityContext().getUserPrincipal() instanceof FieldsafePrincipal principal
                && refuses(principal)) {
            request.abortWith(Problems.response(REQUIRED));
        }
    }

    /** Whether this guard refuses {@code principal} (a person still holding a one-time password). */
    static boolean refuses(FieldsafePrincipal principal) {
        return principal.passwordChangeRequired();
    }
}
