package org.fieldsafe.server.resources;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.fieldsafe.core.wire.EmailChange;
import org.fieldsafe.core.wire.NewUserRequest;
import org.fieldsafe.core.wire.RoleChange;
import org.fieldsafe.core.wire.UserInfo;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Roles;
import org.fieldsafe.server.auth.UserService;

/**
 * People, managed by admins, and enumerator accounts at their sites by coordinators (the rule is
 * {@link org.fieldsafe.server.auth.AccountScope}, applied by the service).
 */
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {
    private final UserService users;

    public UserResource(UserService users) {
        this.users = users;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR})
    public List<UserInfo> list(@Auth FieldsafePrincipal principal) {
        return users.list(principal);
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Auth FieldsafePrincipal principal, @NotNull NewUserRequest request) {
        return Response.status(Response.Status.CREATED).entity(users.create(principal, request))
                .header("Cache-Control", "no-store").build();
    }

    /** A person's new role and sites, or sites added to their role; their sessions end (they log in again). */
    @PUT
    @Path("/{username}/role")
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR})
    @Consumes(MediaType.APPLICATION_JSON)
    public UserInfo changeRole(@Auth FieldsafePrincipal principal, @PathParam("username") String username,
                               @NotNull RoleChange request) {
        return users.changeRole(principal, username, request);
    }

    /** Disables a person: no login, their sessions end, an enumerator's devices are revoked. */
    @POST
    @Path("/{username}/disable")
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR})
    public UserInfo disable(@Auth FieldsafePrincipal principal, @PathParam("username") String username) {
        return users.disable(principal, username);
    }

    /** Enables a disabled person again (revoked devices stay revoked). */
    @POST
    @Path("/{username}/enable")
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR})
    public UserInfo enable(@Auth FieldsafePrincipal principal, @PathParam("username") String username) {
        return users.enable(principal, username);
    }

    /** A person's work e-mail address for referral notifications (null or blank: none). */
    @PUT
    @Path("/{username}/email")
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR})
    @Consumes(MediaType.APPLICATION_JSON)
    public UserInfo changeEmail(@Auth FieldsafePrincipal principal, @PathParam("username") String username,
                                @NotNull EmailChange request) {
        return users.changeEmail(principal, username, request.email());
    }

    /** A new one-time password for a person (shown once); their sessions end. */
    @POST
    @Path("/{username}/password-reset")
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR})
    public Response resetPassword(@Auth FieldsafePrincipal principal, @PathParam("username") String username) {
        return Response.ok(users.resetPassword(principal, username)).header("Cache-Control", "no-store").build();
    }
}
