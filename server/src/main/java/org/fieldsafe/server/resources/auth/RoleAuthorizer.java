package org.fieldsafe.server.resources.auth;

import io.dropwizard.auth.Authorizer;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Roles;

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
