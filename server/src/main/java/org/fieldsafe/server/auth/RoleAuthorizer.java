package org.fieldsafe.server.auth;

import io.dropwizard.auth.Authorizer;
import jakarta.ws.rs.container.ContainerRequestContext;

/** Maps {@code @RolesAllowed} names to principals: devices only match {@link Roles#DEVICE}. */
public class RoleAuthorizer implements Authorizer<FieldsafePrincipal> {
    @Override
    public boolean authorize(FieldsafePrincipal principal, String role, ContainerRequestContext requestContext) {
        if (Roles.DEVICE.equals(role)) {
            return principal.isDevice();
        }
        if (principal.isDevice()) {
            return false;
        }
        return Roles.PERSON.equals(role) || principal.role().wire().equals(role);
    }
}
