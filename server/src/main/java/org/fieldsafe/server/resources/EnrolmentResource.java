package org.fieldsafe.server.resources;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.fieldsafe.core.wire.EnrolmentInfo;
import org.fieldsafe.core.wire.EnrolmentRequest;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Roles;
import org.fieldsafe.server.enrolment.EnrolmentService;

/** One-time enrolment codes, issued by coordinators. */
@Path("/enrolments")
@Produces(MediaType.APPLICATION_JSON)
public class EnrolmentResource {
    private final EnrolmentService enrolments;

    public EnrolmentResource(EnrolmentService enrolments) {
        this.enrolments = enrolments;
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Auth FieldsafePrincipal principal, @NotNull EnrolmentRequest request) {
        return Response.status(Response.Status.CREATED)
                .entity(enrolments.create(principal.actor(), request))
                .build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR})
    public List<EnrolmentInfo> list() {
        return enrolments.list();
    }

    @POST
    @Path("/{id}/revoke")
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR})
    public void revoke(@Auth FieldsafePrincipal principal, @PathParam("id") String id) {
        enrolments.revoke(principal.actor(), id);
    }
}
