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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.fieldsafe.core.wire.DeviceEnrolRequest;
import org.fieldsafe.core.wire.DeviceInfo;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Roles;
import org.fieldsafe.server.enrolment.EnrolmentService;

/** Field devices: enrolment with a one-time code, listing and revocation. */
@Path("/devices")
@Produces(MediaType.APPLICATION_JSON)
public class DeviceResource {
    private final EnrolmentService enrolments;

    public DeviceResource(EnrolmentService enrolments) {
        this.enrolments = enrolments;
    }

    @POST
    @Path("/enrol")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    public Response enrol(@NotNull DeviceEnrolRequest request, @Context HttpServletRequest http) {
        return Response.status(Response.Status.CREATED)
                .entity(enrolments.enrol(request, http.getRemoteAddr()))
                .build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR})
    public List<DeviceInfo> list() {
        return enrolments.devices();
    }

    @POST
    @Path("/{id}/revoke")
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR})
    public void revoke(@Auth FieldsafePrincipal principal, @PathParam("id") String id) {
        enrolments.revokeDevice(principal.actor(), id);
    }
}
