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

/** People, managed by admins. */
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {
    private final UserService users;

    public UserResource(UserService users) {
        this.users = users;
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    public List<UserInfo> list() {
        return users.list();
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Auth FieldsafePrincipal principal, @NotNull NewUserRequest request) {
        return Response.status(Response.Status.CREATED).entity(users.create(principal.actor(), request)).build();
    }

    /** A person's new role and sites, or sites added to their role; their sessions end (they log in again). */
    @PUT
    @Path("/{username}/role")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public UserInfo changeRole(@Auth FieldsafePrincipal principal, @PathParam("username") String username,
                               @NotNull RoleChange request) {
        return users.changeRole(principal.actor(), username, request);
    }

    /** Disables a person: no login, their sessions end, an enumerator's devices are revoked. */
    @POST
    @Path("/{username}/disable")
    @RolesAllowed(Roles.ADMIN)
    public UserInfo disable(@Auth FieldsafePrincipal principal, @PathParam("username") String username) {
        return users.disable(principal.actor(), username);
    }

    /** Enables a disabled person again (revoked devices stay revoked). */
    @POST
    @Path("/{username}/enable")
    @RolesAllowed(Roles.ADMIN)
    public UserInfo enable(@Auth FieldsafePrincipal principal, @PathParam("username") String username) {
        return users.enable(principal.actor(), username);
    }

    /** A person's work e-mail address for referral notifications (null or blank: none). */
    @PUT
    @Path("/{username}/email")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public UserInfo changeEmail(@Auth FieldsafePrincipal principal, @PathParam("username") String username,
                                @NotNull EmailChange request) {
        return users.changeEmail(principal.actor(), username, request.email());
    }
}
