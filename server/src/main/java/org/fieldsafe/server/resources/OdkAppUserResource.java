package org.fieldsafe.server.resources;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.fieldsafe.core.wire.EnrolmentRequest;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Roles;
import org.fieldsafe.server.openrosa.OdkAppUsers;

/** An ODK Collect app user for an enumerator at a site, with Collect's settings QR (shown once, never stored). */
@Path("/openrosa/app-users")
@Produces(MediaType.APPLICATION_JSON)
public class OdkAppUserResource {
    private final OdkAppUsers appUsers;

    public OdkAppUserResource(OdkAppUsers appUsers) {
        this.appUsers = appUsers;
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Auth FieldsafePrincipal principal, @Context UriInfo uri,
                           @Context HttpServletRequest request, @NotNull EnrolmentRequest body) {
        return Response.status(Response.Status.CREATED).header("Cache-Control", "no-store")
                .entity(appUsers.create(principal.actor(), body, uri.getBaseUri().toString(), request.getRemoteAddr()))
                .build();
    }
}
