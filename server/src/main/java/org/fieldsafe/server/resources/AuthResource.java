package org.fieldsafe.server.resources;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.fieldsafe.core.wire.LoginRequest;
import org.fieldsafe.core.wire.LoginResponse;
import org.fieldsafe.core.wire.Me;
import org.fieldsafe.core.wire.PasswordChange;
import org.fieldsafe.server.auth.AuthService;
import org.fieldsafe.server.resources.auth.BeforePasswordChange;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Roles;

/** People's login, logout and identity. */
@Path("/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {
    private final AuthService auth;

    public AuthResource(AuthService auth) {
        this.auth = auth;
    }

    @POST
    @Path("/login")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    public LoginResponse login(@NotNull LoginRequest request, @Context HttpServletRequest http) {
        return auth.login(request, http.getRemoteAddr());
    }

    /** Changes the caller's own password (a one-time one must be changed so); a fresh session is returned. */
    @POST
    @Path("/password")
    @RolesAllowed(Roles.PERSON)
    @BeforePasswordChange
    @Consumes(MediaType.APPLICATION_JSON)
    public LoginResponse changePassword(@Auth FieldsafePrincipal principal, @NotNull PasswordChange change,
                                        @Context HttpServletRequest http) {
        return auth.changePassword(principal, change, http.getRemoteAddr());
    }

    @POST
    @Path("/logout")
    @RolesAllowed(Roles.PERSON)
    @BeforePasswordChange
    public void logout(@Auth FieldsafePrincipal principal) {
        auth.logout(principal);
    }

    @GET
    @Path("/me")
    @RolesAllowed(Roles.PERSON)
    @BeforePasswordChange
    public Me me(@Auth FieldsafePrincipal principal) {
        return auth.me(principal);
    }
}
