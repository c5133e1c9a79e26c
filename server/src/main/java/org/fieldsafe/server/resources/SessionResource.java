package org.fieldsafe.server.resources;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.fieldsafe.core.wire.ConsoleSession;
import org.fieldsafe.core.wire.LoginRequest;
import org.fieldsafe.core.wire.LoginResponse;
import org.fieldsafe.core.wire.PasswordChange;
import org.fieldsafe.server.auth.AuthService;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Roles;
import org.fieldsafe.server.resources.console.SessionCookies;
import org.fieldsafe.server.resources.auth.BeforePasswordChange;

/**
 * The console's cookie session (DESIGN.md section 13): login sets the HttpOnly session cookie and answers the CSRF
 * token; the same login rules, limits and audit as {@code /auth/login}. The token never appears in a body here.
 */
@Path("/session")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {
    private final AuthService auth;
    private final SessionCookies cookies;

    public SessionResource(AuthService auth, SessionCookies cookies) {
        this.auth = auth;
        this.cookies = cookies;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    public Response login(@NotNull LoginRequest request, @Context HttpServletRequest http) {
        return started(auth.login(request, http.getRemoteAddr()), http);
    }

    /** Who the cookie stands for, until when, and the CSRF token the page must send. */
    @GET
    @RolesAllowed(Roles.PERSON)
    @BeforePasswordChange
    public ConsoleSession current(@Auth FieldsafePrincipal principal,
                                  @CookieParam(SessionCookies.NAME) String token) {
        if (token == null) { // a bearer token asks: it has no cookie session
            throw new NotFoundException();
        }
        return cookies.session(principal, auth.sessionExpiry(principal).orElse(null), token);
    }

    /** Changes the caller's own password; every session of theirs ends and a fresh cookie replaces this one. */
    @POST
    @Path("/password")
    @RolesAllowed(Roles.PERSON)
    @BeforePasswordChange
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changePassword(@Auth FieldsafePrincipal principal, @NotNull PasswordChange change,
                                   @Context HttpServletRequest http) {
        return started(auth.changePassword(principal, change, http.getRemoteAddr()), http);
    }

    @DELETE
    @RolesAllowed(Roles.PERSON)
    @BeforePasswordChange
    public Response logout(@Auth FieldsafePrincipal principal, @Context HttpServletRequest http) {
        auth.logout(principal);
        return Response.noContent().cookie(cookies.clear(http.isSecure())).build();
    }

    private Response started(LoginResponse login, HttpServletRequest http) {
        return Response.ok(cookies.session(login)).cookie(cookies.issue(login, http.isSecure())).build();
    }
}
